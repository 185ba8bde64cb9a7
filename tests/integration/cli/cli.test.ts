import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run-cli';
import { useTempDir } from '../../helpers/temp';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, '9.9.9');
  return { code, out: out.join(''), err: err.join('') };
}

describe('the trellis CLI', () => {
  const temp = useTempDir();

  it('prints help listing its commands, exit 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('serve');
    expect(r.out).toContain('--project PATH');
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['info', '--bogus'], /Unknown option '--bogus'/],
    [['info'], /--project PATH is required/],
    [['serve', '--port', 'abc'], /--port must be a number/],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('creates the project named by --project, and reports it as JSON', async () => {
    const path = join(temp(), 'new project');
    const r = await run(['info', '--project', path, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ path: `${path}.trellis`, imports: 0 });
  });

  it.each([['metrics'], ['report'], ['export']])(
    '%s on a project that does not exist exits 1 saying how to make one, and creates no file',
    async (command) => {
      const dir = temp();
      const path = join(dir, 'missing.trellis');
      const argv = {
        metrics: ['metrics', '--project', path],
        report: ['report', '--project', path, '--out', join(dir, 'r.pdf')],
        export: ['export', 'dashboard', '--project', path, '--out', join(dir, 'd.html')],
      }[command]!;
      const r = await run(argv);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`There is no project at ${path}`);
      expect(r.err).toContain(`trellis demo --project ${path}`);
      expect(existsSync(path)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('metrics --project demo, with no demo.trellis here, gives the built-in demo partnership', async () => {
    const dir = temp();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await run(['metrics', '--project', 'demo', '--section', 'reach,prePost', '--json']);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.out);
      expect(result.reach[0].youthServed).toBeGreaterThan(100);
      expect(result.prePost.length).toBeGreaterThan(0);
      expect(existsSync(join(dir, 'demo.trellis'))).toBe(false);
      // Built once in Trellis's own folder, the one `trellis serve --demo` opens.
      expect(existsSync(join(process.env.TRELLIS_HOME!, 'Demo partnership.trellis'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  }, 120_000);

  it('exits 1 with a one-line reason, no stack trace, on a user error', async () => {
    const path = join(temp(), 'notes.trellis');
    writeFileSync(path, 'not a database at all\n'.repeat(300));
    const r = await run(['info', '--project', path]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/notes\.trellis could not be opened as a project/);
    expect(r.err).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
