/** A date whose day and month could be either way round, as found in a file's first rows. */
export interface AmbiguousDate {
  column: string;
  value: string;
  /** How it reads month first ("March 4, 2024") and day first ("3 April 2024"). */
  monthFirst: string;
  dayFirst: string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/;

/**
 * The first value in `rows` that reads as two different dates (both leading numbers 12 or under, and
 * not equal), to show the user what the question is about. Null when the first rows hold none.
 */
export function findAmbiguousDate(columns: string[], rows: string[][]): AmbiguousDate | null {
  for (const row of rows)
    for (const [j, cell] of row.entries()) {
      const m = DATE.exec(cell.trim());
      if (!m) continue;
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a < 1 || b < 1 || a > 12 || b > 12 || a === b) continue;
      const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
      return {
        column: columns[j] ?? `column ${j + 1}`,
        value: m[0],
        monthFirst: `${MONTHS[a - 1]} ${b}, ${year}`,
        dayFirst: `${a} ${MONTHS[b - 1]} ${year}`,
      };
    }
  return null;
}
