import { describe, expect, it } from 'vitest';
import {
  onImportIntent,
  requestImport,
  type ImportIntent,
} from '../../../src/renderer/src/features/import/import-intent';

describe('import requests from the menu and window drops', () => {
  it('waits for the wizard when it is not mounted yet, and is delivered once', () => {
    requestImport({ kind: 'choose' });
    const got: ImportIntent[] = [];
    const off = onImportIntent((i) => got.push(i));
    expect(got).toEqual([{ kind: 'choose' }]);
    off();
    const later: ImportIntent[] = [];
    const off2 = onImportIntent((i) => later.push(i));
    expect(later).toEqual([]); // not delivered twice
    off2();
  });

  it('goes straight to a mounted wizard', () => {
    const got: string[] = [];
    const off = onImportIntent((i) => got.push(i.kind));
    requestImport({ kind: 'choose' });
    requestImport({ kind: 'choose' });
    expect(got).toEqual(['choose', 'choose']);
    off();
  });
});
