import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ProgressEvent } from '@shared/contract';
import type { Result } from '@shared/errors';
import { CONTENT_SECURITY_POLICY } from '../security';
import type { Dispatch } from '../services/dispatch';
import { DOWNLOAD_PATH } from '../services/downloads';
import type { Session } from '../services/session';
import { serveStatic } from './static-files';

export interface LoopbackOptions {
  session: Session;
  dispatch: Dispatch;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
}

export interface LoopbackServer {
  url: string; // with the token, to open in a browser
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'trellis_token';
const MAX_JSON_BYTES = 1 << 20;

/**
 * Loopback browser mode: the same Node side as Electron, served on 127.0.0.1 only. Every request
 * must carry the per-launch token (once in the URL, then an HttpOnly SameSite=Strict cookie, or a
 * bearer header); a foreign Host (DNS rebinding) or Origin is refused; no CORS headers are sent.
 */
export async function startLoopbackServer(opts: LoopbackOptions): Promise<LoopbackServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const calls = new Map<string, AbortController>();
  const listeners = new Set<ServerResponse>();
  const uploadDir = join(tmpdir(), `trellis-uploads-${process.pid}`);
  let port = 0;

  const broadcast = (e: ProgressEvent) => {
    const line = `event: progress\ndata: ${JSON.stringify(e)}\n\n`;
    for (const l of listeners) l.write(line);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error(err);
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Server error.' } });
      else res.end();
    });
  });

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    // 1. DNS rebinding: only our own loopback host names.
    if (!allowedHosts().has(req.headers.host ?? ''))
      return sendText(res, 403, 'Forbidden: unexpected Host header.');
    // 2. Cross-site requests: a browser always sends Origin on cross-origin fetches and on POST.
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin))
      return sendText(res, 403, 'Forbidden: foreign Origin.');
    // 3. The token: in the URL once (then swapped for a cookie), a cookie, or a bearer header.
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      if (!sameToken(queryToken, token)) return sendText(res, 401, 'Unauthorized: wrong token.');
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return res.end();
    }
    if (!isAuthorised(req, token)) {
      return sendText(
        res,
        401,
        'Unauthorized: open the URL that `trellis serve` printed (it carries the token).',
      );
    }

    if (url.pathname === '/api/call' && req.method === 'POST') {
      const body = (await readJson(req)) as { callId?: unknown; method?: unknown; input?: unknown } | null;
      if (!body || typeof body.callId !== 'string' || typeof body.method !== 'string') {
        return sendJson(res, 400, {
          ok: false,
          error: { code: 'bad_input', message: 'Expected { callId, method, input }.' },
        });
      }
      const callId = body.callId;
      const controller = new AbortController();
      calls.set(callId, controller);
      req.on('close', () => {
        // a client that went away no longer wants the result
        if (!res.writableEnded) controller.abort();
      });
      try {
        const result: Result<unknown> = await opts.dispatch(body.method, body.input, {
          signal: controller.signal,
          onProgress: (progress) => broadcast({ callId, progress }),
        });
        return sendJson(res, 200, result);
      } finally {
        calls.delete(callId);
      }
    }
    if (url.pathname === '/api/cancel' && req.method === 'POST') {
      const body = (await readJson(req)) as { callId?: unknown } | null;
      const c = typeof body?.callId === 'string' ? calls.get(body.callId) : undefined;
      c?.abort();
      return sendJson(res, 200, { ok: true, value: { cancelled: c !== undefined } });
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    if (url.pathname === '/api/upload' && req.method === 'POST') {
      // Streamed straight to disk: a large file is never held in memory.
      const name = basename(url.searchParams.get('name') ?? 'upload.csv').replace(
        /[^\p{L}\p{N} ._()-]/gu,
        '_',
      );
      mkdirSync(uploadDir, { recursive: true });
      const dir = join(uploadDir, randomBytes(8).toString('hex'));
      mkdirSync(dir);
      const path = join(dir, name || 'upload.csv');
      await pipeline(req, createWriteStream(path));
      const file = opts.session.files.register(path);
      const { size } = opts.session.files.resolve(file);
      return sendJson(res, 200, { ok: true, value: { file, name, size } });
    }
    if (url.pathname.startsWith(DOWNLOAD_PATH) && req.method === 'GET') {
      const file = opts.session.downloads.take(url.pathname.slice(DOWNLOAD_PATH.length));
      if (!file) return sendText(res, 404, 'This download has expired or was already fetched: export again.');
      res.writeHead(200, {
        'content-type': file.mime,
        'content-length': file.data.length,
        'content-disposition': contentDisposition(file.fileName),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        // An exported HTML file must not run as part of this origin if opened in place.
        'content-security-policy': "default-src 'none'; sandbox",
      });
      return res.end(file.data);
    }
    if (url.pathname.startsWith('/api/')) return sendText(res, 404, 'Not found.');
    if (req.method !== 'GET') return sendText(res, 405, 'Method not allowed.');
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    return serveStatic(opts.rendererDir, url.pathname, res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const l of listeners) l.end();
        for (const c of calls.values()) c.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** attachment; an ASCII fallback name plus the UTF-8 one (RFC 6266), so "Zoë.png" keeps its name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isAuthorised(req: IncomingMessage, token: string): boolean {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && sameToken(auth.slice(7), token)) return true;
  const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim());
  return cookies.some((c) => c.startsWith(`${COOKIE}=`) && sameToken(c.slice(COOKIE.length + 1), token));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_JSON_BYTES) return null;
    chunks.push(c as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
