import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import type { Result } from 'vega-embed';
import { fitSpecToWidth, measureExtra, needsMeasure } from '@core/charts/fit';
import type { ChartModel } from '@core/charts/model';
import { captionLines } from '@core/export/caption';
import { Chart } from './Chart';
import { DataTable } from './DataTable';
import { toLiveSpec, type LiveSpec } from './live-spec';

type View = Result['view'];

/** How a card reports: 'drawn' when the chart for `dataKey` is on screen; 'deferred' when the card is
 * off screen and will draw that data when scrolled to or when the browser is idle. */
export type ReadyState = 'drawn' | 'deferred';
type OnReady = (id: string, dataKey: string, state: ReadyState) => void;

/**
 * One chart on a dashboard: the figure (or its explained empty state), the caption that says what it
 * shows and its n, and the numbers behind it as a table. `actions` is the slot for per-chart buttons
 * (the Export button lives there). `onReady` fires once the chart for `dataKey` is on screen.
 *
 * A new spec with the same shape as the one drawn only swaps the view's data (no new view), which is
 * what keeps a filter change fast. A card below the fold does not redraw at once: it says so
 * ('deferred') and draws the new data when it comes near the viewport or when the browser is idle,
 * so the charts in view are redrawn first.
 *
 * The chart fills the card: the print-sized spec is laid out for the card's width (`fitSpecToWidth`),
 * again when the card is resized; exports keep the print size (they are built on the Node side).
 */
export const ChartCard = memo(function ChartCard({
  model,
  dataKey,
  onReady,
  actions,
  wide,
}: {
  model: ChartModel;
  dataKey: string;
  onReady?: OnReady;
  actions?: ReactNode;
  wide?: boolean;
}) {
  const box = useRef<HTMLElement>(null);
  const [onScreen, setOnScreen] = useState(true);
  // What this card shows: the latest model, or the previous one while it waits off screen.
  const [applied, setApplied] = useState({ model, dataKey });
  const pending = applied.model !== model || applied.dataKey !== dataKey;
  if (pending && onScreen) setApplied({ model, dataKey });

  const latest = useRef({ model, dataKey });
  useEffect(() => {
    latest.current = { model, dataKey };
  });
  useEffect(() => {
    const el = box.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => setOnScreen(entries.some((e) => e.isIntersecting)), {
      rootMargin: '150px 0px',
    });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  useEffect(() => {
    if (!pending || onScreen) return;
    onReady?.(model.id, dataKey, 'deferred');
    const apply = () => setApplied(latest.current);
    if (typeof requestIdleCallback === 'undefined') {
      const t = setTimeout(apply, 50);
      return () => clearTimeout(t);
    }
    // At most 500 ms: idle periods may not come while the page animates or a test polls it.
    const h = requestIdleCallback(apply, { timeout: 500 });
    return () => cancelIdleCallback(h);
  }, [pending, onScreen, model.id, dataKey, onReady]);

  return (
    <DrawnCard
      box={box}
      model={applied.model}
      dataKey={applied.dataKey}
      onReady={onReady}
      actions={actions}
      wide={wide}
    />
  );
});

function DrawnCard({
  box,
  model,
  dataKey,
  onReady,
  actions,
  wide,
}: {
  box: RefObject<HTMLElement | null>;
  model: ChartModel;
  dataKey: string;
  onReady?: OnReady;
  actions?: ReactNode;
  wide?: boolean;
}) {
  const width = useCardWidth(box);
  // What a composite chart's labels and legends took when first drawn (see fitSpecToWidth).
  const [extra, setExtra] = useState(() => measured.get(model.id)?.extra);
  const live = useMemo(
    () => toLiveSpec(fitSpecToWidth(model.spec, width ?? 0, extra)),
    [model.spec, width, extra],
  );
  // What vega was asked to draw: replaced (a new view) only when the shape changes.
  const [embedded, setEmbedded] = useState<LiveSpec>(live);
  if (embedded.shapeKey !== live.shapeKey) setEmbedded(live);

  const view = useRef<View | null>(null);
  const shownData = useRef<LiveSpec | null>(null);
  const latest = useRef({ live, dataKey, onReady });
  useEffect(() => {
    latest.current = { live, dataKey, onReady };
  });

  /** Put `target`'s data into the drawn view (if it is not there yet), then report ready. */
  const sync = useCallback(
    (v: View) => {
      const { live: target, dataKey: key } = latest.current;
      const done = () => latest.current.onReady?.(model.id, key, 'drawn');
      if (shownData.current === target) return done();
      if (shownData.current && shownData.current.shapeKey !== target.shapeKey) return; // a new view is coming
      const same = shownData.current?.contentKey === target.contentKey;
      shownData.current = target;
      // The same numbers (a filter this chart does not depend on): nothing to redraw.
      if (same) return done();
      for (const [name, values] of Object.entries(target.datasets)) {
        try {
          v.data(name, values);
        } catch {
          // vega-lite may drop a dataset no mark reads: nothing to update there.
        }
      }
      for (const [name, value] of Object.entries(target.signals)) v.signal(name, value);
      // Lay the view out again for the new data: vega sizes the plot for its labels only when a view
      // is built or resized, so a longer label at the end of a bar ("84% (n = 234)") would otherwise
      // run past the card's edge and be cut.
      void relayout(v).then(done);
    },
    [model.id],
  );

  useEffect(() => {
    if (model.empty) {
      latest.current.onReady?.(model.id, dataKey, 'drawn');
      return;
    }
    // Same shape as the drawn view: swap its data. Otherwise the new view reports when drawn.
    if (view.current && shownData.current && shownData.current.shapeKey === live.shapeKey) sync(view.current);
  }, [live, dataKey, model.empty, model.id, sync]);

  const onEmbed = useCallback(
    (result: Result) => {
      view.current = result.view;
      shownData.current = embedded;
      // A new view fitted to the card: lay it out again before it counts as drawn (see relayout).
      if (needsMeasure(embedded.spec)) sync(result.view);
      else void relayout(result.view).then(() => view.current === result.view && sync(result.view));
      // A composite is laid out from what its labels and legends took: measured on the first view,
      // and corrected (twice at most) if the view laid out from it took other room (a legend that
      // wraps in the wider card, a title cut short).
      if (needsMeasure(embedded.spec)) {
        const e = measureExtra(result.view, embedded.spec);
        const m = measured.get(model.id);
        if (e !== undefined && (m === undefined || (Math.abs(e - m.extra) > 4 && m.tries < 3))) {
          measured.set(model.id, { extra: e, tries: (m?.tries ?? 0) + 1 });
          setExtra(e);
        }
      }
    },
    [embedded, sync, model.id],
  );

  const caption = captionLines(model.caption);
  return (
    <section
      ref={box}
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
      ) : width === null ? (
        <figure className="chart" aria-label={model.alt} />
      ) : (
        <Chart spec={embedded.spec} alt={model.alt} onEmbed={onEmbed} />
      )}
      {caption.length > 0 && (
        <div className="caption" data-testid="caption">
          {caption.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
      {model.table.rows.length > 0 && <NumbersTable model={model} />}
    </section>
  );
}

/**
 * Run vega's autosize layout twice more. `fit-x` shrinks the plot by what its marks took beyond it
 * (labels after the longest bar or CI) in one pass only, but a narrower plot moves those labels left
 * by less than it shrank, so after one pass they still run past the view's edge and are cut (the
 * dosage-band and cohort charts lost "n = 188"). Each pass leaves a fraction of the overflow; two
 * more leave under a pixel. A composite (padded, not fitted) is not affected.
 */
async function relayout(v: View): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const before = v.width();
    v.resize();
    await v.runAsync();
    // The plot kept its width: the labels fit (most data swaps), no second pass needed.
    if (v.width() === before) return;
  }
}

/** Measured per chart once a window: a composite's labels take about the same room every time. */
const measured = new Map<string, { extra: number; tries: number }>();

/**
 * The width a chart has in its card (content box), in steps of 8 px so that a scrollbar appearing or a
 * pixel of rounding does not redraw every chart; measured before the first paint, then on resize.
 */
function useCardWidth(box: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const cs = getComputedStyle(el);
      const w = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (w > 0) setWidth(Math.floor(w / 8) * 8);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [box]);
  return width;
}

/** The numbers behind a chart, built only when opened: a closed table costs nothing on a redraw. */
function NumbersTable({ model }: { model: ChartModel }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="chart-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Table of the numbers ({model.table.rows.length} rows)</summary>
      {open && <DataTable columns={model.table.columns} rows={model.table.rows} caption={model.title} />}
    </details>
  );
}
