import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../../src/main/server/loopback-server';
import { Downloads, DOWNLOAD_TTL_MS } from '../../../src/main/services/downloads';
import { useTempDir } from '../../helpers/temp';
import { LABELS } from './catalogue-stub';
import { exportCore } from './support-core';

describe('browser mode: /api/download/<token>', () => {
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
    const core = exportCore(dir);
    close = () => core.session.close();
    server = await startLoopbackServer({
      session: core.session,
      dispatch: core.dispatch,
      rendererDir: renderer,
      token: 'test-token-0123456789',
    });
    return server;
  }

  it('serves an export once, only with the token, as an attachment that keeps its UTF-8 name', async () => {
    const s = await start();
    const auth = { authorization: `Bearer ${s.token}` };
    const call = await fetch(`${s.origin}/api/call`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        callId: 'c1',
        method: 'export.report',
        input: { title: 'Zoë’s report', format: 'html' },
      }),
    });
    const result = (await call.json()) as { ok: boolean; value: { downloadUrl: string; fileName: string } };
    expect(result).toMatchObject({ ok: true, value: { fileName: 'Zoë-s-report.html' } });
    const url = `${s.origin}${result.value.downloadUrl}`;

    // Without the session token: refused, and the download is still waiting.
    expect((await fetch(url)).status).toBe(401);

    const got = await fetch(url, { headers: auth });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="Zo_-s-report.html"; filename*=UTF-8''Zo%C3%AB-s-report.html`,
    );
    expect(got.headers.get('content-security-policy')).toContain('sandbox');
    expect(await got.text()).toContain(LABELS.zoe);

    // Once only.
    const again = await fetch(url, { headers: auth });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('export again');
  });

  it('a download expires after ten minutes', () => {
    let now = 1_000;
    const d = new Downloads(() => now);
    const path = d.add({ fileName: 'a.csv', mime: 'text/csv', data: 'x' });
    now += DOWNLOAD_TTL_MS;
    expect(d.take(path.split('/').pop()!)).toBeNull();
    expect(d.size).toBe(0);
  });
});
