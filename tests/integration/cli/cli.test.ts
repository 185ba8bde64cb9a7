import { writeFileSync } from 'node:fs';
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
