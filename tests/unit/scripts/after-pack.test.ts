import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import afterPack from '../../../scripts/after-pack.mjs';
import { useTempDir } from '../../helpers/temp';

// The fuse wire as Electron compiles it in: a sentinel, version 1, the wire length, then one byte per
// fuse ('0' off, '1' on) in @electron/fuses' FuseV1Options order.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
  'WasmTrapHandlers',
] as const;
const ELECTRON_DEFAULTS = '101100011';

function fakeBinary(path: string) {
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([1, FUSES.length]),
    Buffer.from(ELECTRON_DEFAULTS),
  ]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 7), wire, Buffer.alloc(4096, 7)]));
}

function readFuses(path: string): Record<(typeof FUSES)[number], string> {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
  const wire = bytes.subarray(at, at + FUSES.length).toString('latin1');
  return Object.fromEntries(FUSES.map((f, i) => [f, wire[i]!])) as Record<(typeof FUSES)[number], string>;
}

const packager = { appInfo: { productFilename: 'Trellis' }, executableName: 'trellis' };

describe('the afterPack hook', () => {
  const temp = useTempDir();

  it.each([
    ['linux', 'trellis', '0'],
    ['win32', 'Trellis.exe', '1'],
  ])(
    'flips the fuses of the %s binary (asar integrity validation: %s)',
    async (platform, file, integrity) => {
      const dir = temp();
      fakeBinary(join(dir, file));
      vi.spyOn(console, 'log').mockImplementation(() => {});
      await afterPack({ electronPlatformName: platform, appOutDir: dir, arch: 1, packager });
      expect(readFuses(join(dir, file))).toEqual({
        RunAsNode: '0',
        EnableCookieEncryption: '0', // untouched
        EnableNodeOptionsEnvironmentVariable: '0',
        EnableNodeCliInspectArguments: '0',
        EnableEmbeddedAsarIntegrityValidation: integrity, // validated by Electron on macOS and Windows only
        OnlyLoadAppFromAsar: '1',
        LoadBrowserProcessSpecificV8Snapshot: '0', // untouched
        GrantFileProtocolExtraPrivileges: '1', // untouched
        WasmTrapHandlers: '1', // untouched
      });
    },
  );
});
