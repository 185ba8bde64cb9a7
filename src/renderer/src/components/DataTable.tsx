/** A plain, accessible table of a chart's numbers; suppressed cells read "–" with the reason beside. */
export function DataTable({
  columns,
  rows,
  caption,
}: {
  columns: string[];
  rows: (string | number | null)[][];
  caption: string;
}) {
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (
                <td key={j} className={typeof cell === 'number' ? 'num' : undefined}>
                  {formatCell(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Built once: `toLocaleString` with options creates a formatter per call, which a redraw of long
// tables felt.
const INTEGER = new Intl.NumberFormat('en-US');
const SMALL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const LARGE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatCell(cell: string | number | null): string {
  if (cell === null) return '–';
  if (typeof cell === 'string') return cell;
  if (Number.isInteger(cell)) return INTEGER.format(cell);
  return (Math.abs(cell) < 10 ? SMALL : LARGE).format(cell);
}
