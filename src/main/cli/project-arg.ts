import { resolve } from 'node:path';
import { UsageError } from './io';
import type { OptionValues } from './commands';

export function projectPath(values: OptionValues, required = true): string | undefined {
  const p = values.project;
  if (typeof p === 'string' && p.length > 0) return resolve(p.endsWith('.trellis') ? p : `${p}.trellis`);
  if (required) throw new UsageError('--project PATH is required.');
  return undefined;
}
