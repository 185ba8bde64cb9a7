import { useEffect, useMemo, useState } from 'react';
import type { Output } from '@shared/contract';
import { buildCountByChart } from '@core/charts/count-by-chart';
import { useApi } from '../../api/use-api';
import { Chart } from '../../components/Chart';
import { ErrorNote } from '../../components/ErrorNote';

type Table = Output<'table.list'>[number];

export function TableChart({ table }: { table: Table }) {
  const api = useApi();
  const [column, setColumn] = useState(() => Math.min(1, table.columns.length - 1));
  const [counts, setCounts] = useState<Output<'table.countBy'> | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api
      .call('table.countBy', { importId: table.importId, column })
      .then((c) => live && setCounts(c), setError);
    return () => {
      live = false;
    };
  }, [api, table.importId, column]);

  const spec = useMemo(() => (counts ? buildCountByChart(counts) : null), [counts]);
  const shown = counts?.groups.filter((g) => !g.suppressed).length ?? 0;
  return (
    <div className="table-chart">
      <label>
        Count rows by{' '}
        <select
          value={column}
          onChange={(e) => setColumn(Number(e.target.value))}
          data-testid="column-select"
        >
          {table.columns.map((c, i) => (
            <option key={i} value={i}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={error} />
      {spec && counts && (
        <Chart
          spec={spec}
          testId="count-chart"
          alt={`Bar chart of rows per value of ${counts.column}: ${shown} values shown, ${counts.groups.length - shown} suppressed.`}
        />
      )}
    </div>
  );
}
