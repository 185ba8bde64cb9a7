import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../../src/main/server/loopback-server';
import { realCore } from '../../helpers/session';
import { useTempDir } from '../../helpers/temp';

const roster = resolve(import.meta.dirname, '../../fixtures/skeleton/youth-roster.csv');

/** node:http rather than fetch: fetch will not let a test forge the Host header. */
function raw(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((res, rej) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (r) => {
      let text = '';
      r.on('data', (c) => (text += String(c)));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body: text }));
    });
    req.on('error', rej);
    if (body) req.write(body);
    req.end();
  });
}

describe('loopback browser mode', () => {
  const temp = useTempDir();
  let server: LoopbackServer | null = null;
  let close = () => {};
  afterEach(async () => {
    await server?.close();
    close();
  });

  async function start() {
    const dir = temp();
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Trellis</title>');
    const core = realCore(dir);
    close = () => core.session.close();
    server = await startLoopbackServer({
      session: core.session,
      dispatch: core.dispatch,
      rendererDir: renderer,
    });
    return server;
  }
  const call = (s: LoopbackServer, method: string, input: unknown, headers: Record<string, string> = {}) =>
    raw(
      s.port,
      '/api/call',
      { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', ...headers },
      'POST',
      JSON.stringify({ callId: 'c1', method, input }),
    );

  it('listens on 127.0.0.1 only and prints a URL carrying a long random token', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  it('rejects requests without the token (401) and with a wrong one', async () => {
    const s = await start();
    expect((await raw(s.port, '/', { host: `127.0.0.1:${s.port}` })).status).toBe(401);
    expect((await raw(s.port, '/api/call', {}, 'POST', '{}')).status).toBe(401);
    expect((await raw(s.port, '/?token=nope')).status).toBe(401);
    expect((await call(s, 'app.info', {}, { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('rejects a foreign Host header (DNS rebinding) even with the token', async () => {
    const s = await start();
    const r = await raw(
      s.port,
      '/api/call',
      { host: `evil.example:${s.port}`, authorization: `Bearer ${s.token}` },
      'POST',
      '{}',
    );
    expect(r.status).toBe(403);
    expect(r.body).toContain('Host');
  });

  it('rejects a foreign Origin even with the token, and sends no CORS headers', async () => {
    const s = await start();
    const r = await call(s, 'app.info', {}, { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    const ok = await call(s, 'app.info', {}, { origin: s.origin });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
  });

  it('swaps the URL token for an HttpOnly SameSite=Strict cookie, then serves the app with a strict CSP', async () => {
    const s = await start();
    const first = await raw(s.port, `/?token=${s.token}`);
    expect(first.status).toBe(303);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await raw(s.port, '/', { cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Trellis</title>');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-eval');
  });

  it('works with the token: contract calls, validation errors as data', async () => {
    const s = await start();
    const info = JSON.parse((await call(s, 'app.info', {})).body);
    expect(info).toMatchObject({ ok: true, value: { frontDoor: 'browser', project: { name: 'test' } } });
    const bad = JSON.parse((await call(s, 'table.countBy', { importId: 'x' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('streams an upload to disk, then previews and imports it with progress over server-sent events', async () => {
    const s = await start();
    const up = await fetch(`${s.origin}/api/upload?name=${encodeURIComponent('../../youth roster.csv')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}` },
      body: readFileSync(roster),
    });
    const uploaded = (await up.json()) as { ok: true; value: { file: string; name: string; size: number } };
    expect(uploaded.value.name).toBe('youth roster.csv'); // no path escapes the upload folder
    expect(uploaded.value.size).toBe(readFileSync(roster).length);

    const events = await fetch(`${s.origin}/api/events`, { headers: { authorization: `Bearer ${s.token}` } });
    const reader = events.body!.getReader();
    const imported = JSON.parse((await call(s, 'table.import', { file: uploaded.value.file })).body);
    expect(imported).toMatchObject({ ok: true, value: { rowCount: 73 } });
    let text = '';
    while (!text.includes('"phase":"Importing"'))
      text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"callId":"c1"');
    await reader.cancel();
  });
});
