import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, startServe, test } from './support/trellis-server';

const trellis = resolve(import.meta.dirname, '..', '..', 'bin', 'trellis.js');
const run = promisify(execFile);

test('browser mode without the token shows 401, with it the app', async ({ page, served }) => {
  const denied = await page.goto(served.origin + '/');
  expect(denied?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('open the URL that `trellis serve` printed');
  const api = await page.request.post(served.origin + '/api/call', {
    data: { callId: 'x', method: 'app.info', input: {} },
  });
  expect(api.status()).toBe(401);

  await page.goto(served.url);
  await expect(page.getByText('Browser mode (this computer only)')).toBeVisible();
});

test('a second process cannot open a project that another has open', async ({ served }) => {
  // `trellis serve` (the fixture) holds the project: `trellis info` on the same file is refused.
  const refused = await run(process.execPath, [trellis, 'info', '--project', served.projectPath], {
    env: served.cliEnv,
  }).then(
    () => null,
    (err: { code: number; stderr: string }) => err,
  );
  expect(refused?.code).toBe(1);
  expect(refused?.stderr).toMatch(/already open in another Trellis window or process/);
});

test('the lock dies with its process (SIGKILL)', async () => {
  const { served, pid, stop } = await startServe();
  process.kill(pid, 'SIGKILL'); // no chance to clean up
  await stop();
  const r = await run(process.execPath, [trellis, 'info', '--project', served.projectPath, '--json'], {
    env: served.cliEnv,
  });
  expect(JSON.parse(r.stdout)).toMatchObject({ path: served.projectPath });
});
