import { distance } from 'fastest-levenshtein';

export interface IdNormalisation {
  trim: boolean;
  caseFold: boolean;
  /** Remove spaces, hyphens, underscores, dots and slashes ("AB-12 3" -> "AB123"). */
  stripSeparators: boolean;
  /** "007" -> "7"; a digits-only run after a prefix is stripped too ("S007" -> "S7"). */
  stripLeadingZeros: boolean;
}

export const DEFAULT_ID_NORMALISATION: IdNormalisation = {
  trim: true,
  caseFold: true,
  stripSeparators: true,
  stripLeadingZeros: true,
};

export function normaliseParticipantId(id: string, options: Partial<IdNormalisation> = {}): string {
  const o = { ...DEFAULT_ID_NORMALISATION, ...options };
  let v = id.normalize('NFKC');
  if (o.trim) v = v.trim();
  if (o.caseFold) v = v.toLowerCase();
  if (o.stripSeparators) v = v.replace(/[\s\-_./\\]+/g, '');
  // Zeros that only pad a number: at the start, or after a letter prefix; "0" stays "0".
  if (o.stripLeadingZeros) v = v.replace(/(^|[^\d])0+(?=\d)/g, '$1');
  return v;
}

export interface WaveMatch {
  key: string;
  preIndex: number;
  postIndex: number;
}

export interface WaveMatchResult {
  /** Keys present exactly once in each wave. */
  matched: WaveMatch[];
  onlyPre: { key: string; index: number }[];
  onlyPost: { key: string; index: number }[];
  /** Keys seen more than once in a wave: never paired, the user must resolve them. */
  duplicatesPre: { key: string; indices: number[] }[];
  duplicatesPost: { key: string; indices: number[] }[];
  /** Row indices with a blank ID after normalisation. */
  blankPre: number[];
  blankPost: number[];
  /**
   * An only-pre and an only-post key one edit apart, for the user to confirm. Those that differ only
   * in a letter prefix ("0042" vs "Y0042": the prefix was left off) come first; a single changed,
   * added or dropped character ("Y0500" vs "Y0550") is often another person in a numbered series.
   */
  nearMisses: NearMiss[];
  /** True when the only-pre x only-post comparison was too large and near misses were skipped. */
  nearMissesSkipped: boolean;
}

export type NearMissReason = 'prefix' | 'one_character';
export interface NearMiss {
  preKey: string;
  postKey: string;
  preIndex: number;
  postIndex: number;
  distance: 1;
  reason: NearMissReason;
}

/** "0042" and "Y0042" (or "y0042", "ID0042") name the same number: the letters before it differ. */
function nearMissReason(a: string, b: string): NearMissReason {
  const digits = (k: string) => k.replace(/^\p{L}+/u, '');
  const da = digits(a);
  return /\d/.test(da) && da.toLowerCase() === digits(b).toLowerCase() ? 'prefix' : 'one_character';
}

/** Beyond this many pairwise comparisons the near-miss search is skipped (it is a hint, not a must). */
export const NEAR_MISS_MAX_COMPARISONS = 25_000_000;

function indexKeys(ids: readonly string[], options: Partial<IdNormalisation>) {
  const byKey = new Map<string, number[]>();
  const blank: number[] = [];
  ids.forEach((id, index) => {
    const key = normaliseParticipantId(id, options);
    if (key === '') {
      blank.push(index);
      return;
    }
    const list = byKey.get(key);
    if (list) list.push(index);
    else byKey.set(key, [index]);
  });
  return { byKey, blank };
}

/**
 * Pairs two waves by participant ID (never by row order). Indices refer to positions in the input
 * arrays. Duplicated keys are reported and left unpaired rather than guessed.
 */
export function matchWaves(
  preIds: readonly string[],
  postIds: readonly string[],
  options: Partial<IdNormalisation> = {},
): WaveMatchResult {
  const pre = indexKeys(preIds, options);
  const post = indexKeys(postIds, options);
  const result: WaveMatchResult = {
    matched: [],
    onlyPre: [],
    onlyPost: [],
    duplicatesPre: [],
    duplicatesPost: [],
    blankPre: pre.blank,
    blankPost: post.blank,
    nearMisses: [],
    nearMissesSkipped: false,
  };
  for (const [key, indices] of pre.byKey) {
    if (indices.length > 1) result.duplicatesPre.push({ key, indices });
    const other = post.byKey.get(key);
    if (!other) {
      if (indices.length === 1) result.onlyPre.push({ key, index: indices[0] ?? -1 });
      continue;
    }
    if (indices.length === 1 && other.length === 1)
      result.matched.push({ key, preIndex: indices[0] ?? -1, postIndex: other[0] ?? -1 });
  }
  for (const [key, indices] of post.byKey) {
    if (indices.length > 1) result.duplicatesPost.push({ key, indices });
    else if (!pre.byKey.has(key)) result.onlyPost.push({ key, index: indices[0] ?? -1 });
  }
  if (result.onlyPre.length * result.onlyPost.length > NEAR_MISS_MAX_COMPARISONS) {
    result.nearMissesSkipped = true;
    return result;
  }
  for (const a of result.onlyPre) {
    for (const b of result.onlyPost) {
      if (Math.abs(a.key.length - b.key.length) > 1) continue;
      if (distance(a.key, b.key) === 1) {
        result.nearMisses.push({
          preKey: a.key,
          postKey: b.key,
          preIndex: a.index,
          postIndex: b.index,
          distance: 1,
          reason: nearMissReason(a.key, b.key),
        });
      }
    }
  }
  // The likely ones (a prefix left off) first; otherwise in the order of the pre wave.
  result.nearMisses.sort((x, y) => Number(x.reason !== 'prefix') - Number(y.reason !== 'prefix'));
  return result;
}
