import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChartModel } from '@core/charts/model';
import { captionLines } from '@core/export/caption';
import { Chart } from './Chart';
import { DataTable } from './DataTable';

/**
 * One chart on a dashboard: the figure (or its explained empty state), the caption that says what it
 * shows and its n, and the numbers behind it as a table. `actions` is the slot for per-chart buttons
 * (the Export button lives there). `onReady` fires once the chart for `dataKey` is on screen.
 */
export function ChartCard({
  model,
  dataKey,
  onReady,
  actions,
  wide,
}: {
  model: ChartModel;
  dataKey: string;
  onReady?: (id: string, dataKey: string) => void;
  actions?: ReactNode;
  wide?: boolean;
}) {
  // Vega redraws only when the spec's content changes: keep the same object for the same content.
  const specKey = useMemo(() => JSON.stringify(model.spec), [model.spec]);
  const [stable, setStable] = useState({ key: specKey, spec: model.spec });
  if (stable.key !== specKey) setStable({ key: specKey, spec: model.spec });
  const spec = stable.key === specKey ? stable.spec : model.spec;

  // What is on screen, and the latest props, for the callback vega calls when it has drawn.
  const drawn = useRef<string | null>(null);
  const latest = useRef({ specKey, dataKey, onReady });
  useEffect(() => {
    latest.current = { specKey, dataKey, onReady };
  });

  useEffect(() => {
    // Nothing to redraw (same figure as before, or an empty state): this chart is ready at once.
    if (model.empty || drawn.current === specKey) latest.current.onReady?.(model.id, dataKey);
  }, [specKey, dataKey, model.empty, model.id]);

  const onRendered = useCallback(() => {
    drawn.current = latest.current.specKey;
    latest.current.onReady?.(model.id, latest.current.dataKey);
  }, [model.id]);

  const caption = captionLines(model.caption);
  return (
    <section
      className={`chart-card${wide ? ' wide' : ''}`}
      aria-label={model.title}
      data-testid={`chart-${model.id}`}
      data-empty={model.empty ? 'true' : undefined}
    >
      {actions && <div className="chart-actions">{actions}</div>}
      {model.empty ? (
        <div className="empty-state" role="note">
          <h3>{model.title}</h3>
          <p data-testid="empty-message">{model.empty}</p>
        </div>
      ) : (
        <Chart spec={spec} alt={model.alt} onRendered={onRendered} />
      )}
      {caption.length > 0 && (
        <div className="caption" data-testid="caption">
          {caption.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
      {model.table.rows.length > 0 && (
        <details className="chart-table">
          <summary>Table of the numbers ({model.table.rows.length} rows)</summary>
          <DataTable columns={model.table.columns} rows={model.table.rows} caption={model.title} />
        </details>
      )}
    </section>
  );
}
