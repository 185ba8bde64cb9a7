import type { Platform } from './columns';
import type { Delimiter } from './detect-dialect';
import type { TextEncoding } from './detect-encoding';
import type { DateOrder, DecimalSeparator } from './detect-values';
import type { LineEndingSetting } from './parse-rows';

/**
 * Everything detection decides, as one plain object the user can override field by field and the
 * app can save with a column mapping for the next wave.
 */
export interface ReadSettings {
  encoding: TextEncoding;
  delimiter: Delimiter;
  /** 'auto' ends records at CRLF, LF or CR outside quotes; a fixed style keeps the others as text. */
  lineEnding: LineEndingSetting;
  /** Non-blank rows before the header rows (title lines, export notes). */
  preambleRowCount: number;
  headerRowCount: number;
  platform: Platform;
  decimalSeparator: DecimalSeparator;
  /** Undefined when the sample had no dates. */
  dateOrder?: DateOrder;
  /** Apply the platform's default row drops (Qualtrics preview/test/spam). */
  dropDefaultRows: boolean;
}

/** Detected settings with the user's overrides on top. */
export function resolveSettings(detected: ReadSettings, overrides: Partial<ReadSettings> = {}): ReadSettings {
  // Only keys of the Partial survive the filter, so the object is still a Partial<ReadSettings>.
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, v]) => v !== undefined),
  ) as Partial<ReadSettings>;
  return { ...detected, ...defined };
}
