import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

export interface Served {
  url: string; // with token
  origin: string;
  projectPath: string;
  home: string;
  /** Runs the built CLI with the same TRELLIS_HOME. */
  cliEnv: NodeJS.ProcessEnv;
}

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** Starts `trellis serve` from the built app, like a user would, on a fresh project. */
export async function startServe(
  args: string[] = [],
): Promise<{ served: Served; pid: number; stop(): Promise<void> }> {
  const home = mkdtempSync(join(tmpdir(), 'trellis-e2e-'));
  const projectPath = join(home, 'e2e.trellis');
  const env = { ...process.env, TRELLIS_HOME: home };
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'trellis.js'),
      'serve',
      '--json',
      ...(args.length ? args : ['--project', projectPath]),
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (c) => (stderr += String(c)));
  const first = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout?.on('data', (c) => {
      out += String(c);
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) res(line);
    });
    child.once('exit', (code) => rej(new Error(`trellis serve exited with ${code}: ${stderr}`)));
    setTimeout(() => rej(new Error(`trellis serve did not start: ${stderr}`)), 30_000);
  });
  const info = JSON.parse(first) as { url: string; project: { path: string } };
  return {
    served: {
      url: info.url,
      origin: new URL(info.url).origin,
      projectPath: info.project.path,
      home,
      cliEnv: env,
    },
    pid: child.pid!,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
      }),
  };
}

export const test = base.extend<{ served: Served }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixture-object pattern
  served: async ({}, use) => {
    const { served, stop } = await startServe();
    await use(served);
    await stop();
  },
});
export { expect } from '@playwright/test';
