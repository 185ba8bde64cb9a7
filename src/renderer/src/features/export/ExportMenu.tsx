import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { MetricFilters } from '@shared/metrics';
import { useApi } from '../../api/use-api';
import { ErrorNote } from '../../components/ErrorNote';
import { ProgressBar } from '../../components/ProgressBar';
import { PRESET_CHOICES, type PresetChoice } from './deliver';
import { useExportRun } from './use-export';
import './export.css';

type FigureFormat = 'png' | 'svg' | 'pdf';
type TableFormat = 'csv' | 'xlsx';

/**
 * The Export menu of one chart: the figure as PNG/SVG/PDF at a preset size with or without its
 * caption, the numbers behind it as CSV (optionally with a BOM for Excel) or XLSX, and in the
 * desktop app a PNG on the clipboard. The chart is rebuilt on the Node side by id, with the same
 * filters, so the file holds the dashboard's (suppressed) numbers and nothing else.
 */
export function ExportMenu({
  chartId,
  chartTitle,
  filters = {},
}: {
  chartId: string;
  chartTitle: string;
  filters?: MetricFilters;
}) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<FigureFormat>('png');
  const [preset, setPreset] = useState<PresetChoice>('report');
  const [caption, setCaption] = useState(true);
  const [tableFormat, setTableFormat] = useState<TableFormat>('csv');
  const [bom, setBom] = useState(false);
  const exp = useExportRun();
  const panelId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus(); // back where the keyboard user was
    };
    // A click outside the menu closes it, as menus do.
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!root.current?.contains(t) && !panel.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    panel.current?.querySelector<HTMLElement>('input, select, button')?.focus();
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  // The panel lives in <body> (a chart card scrolls and clips what overflows it), fixed under the
  // button, its right edge on the button's, kept on screen; it follows the button when the page moves.
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    if (!open) return;
    const update = () => {
      const b = button.current?.getBoundingClientRect();
      const width = panel.current?.offsetWidth ?? 352;
      if (b)
        setPlace({
          top: b.bottom + 4,
          left: Math.max(8, Math.min(b.right - width, window.innerWidth - width - 8)),
        });
    };
    update();
    window.addEventListener('scroll', update, true);
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update, true);
      window.removeEventListener('resize', update);
    };
  }, [open]);

  const saveFigure = () =>
    exp.run((opts) =>
      api.call('export.chart', { chart: chartId, filters, format, size: preset, caption }, opts),
    );
  const saveTable = () =>
    exp.run((opts) =>
      api.call(
        'export.table',
        { source: { kind: 'chart', chart: chartId }, filters, format: tableFormat, bom },
        opts,
      ),
    );
  const copy = async () => {
    exp.setError(null);
    try {
      const r = await api.call('export.copyChart', { chart: chartId, filters, size: preset, caption });
      exp.setDone({ message: `Copied a ${r.width} px PNG to the clipboard.`, warnings: [] });
    } catch (e) {
      exp.setError(e);
    }
  };

  return (
    <div className="export-menu" ref={root}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid={`export-menu-${chartId}`}
      >
        Export ▾
      </button>
      {open &&
        createPortal(
          <div
            className="export-panel"
            id={panelId}
            ref={panel}
            role="dialog"
            aria-label={`Export “${chartTitle}”`}
            style={place ? { top: place.top, left: place.left } : { visibility: 'hidden' }}
          >
            <fieldset>
              <legend>Figure</legend>
              <div className="segmented" role="radiogroup" aria-label="Figure format">
                {(['png', 'svg', 'pdf'] as const).map((f) => (
                  <label key={f}>
                    <input
                      type="radio"
                      name={`${panelId}-format`}
                      value={f}
                      checked={format === f}
                      onChange={() => setFormat(f)}
                    />
                    {f.toUpperCase()}
                  </label>
                ))}
              </div>
              {format !== 'svg' ? (
                <label className="field">
                  Size
                  <select value={preset} onChange={(e) => setPreset(e.target.value as PresetChoice)}>
                    {PRESET_CHOICES.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.label}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <p className="hint">
                  SVG is vector: it prints sharp at any size, and its labels stay editable text.
                </p>
              )}
              <label className="check">
                <input type="checkbox" checked={caption} onChange={(e) => setCaption(e.target.checked)} />
                Include the caption (what it shows, n, statistic, suppression note)
              </label>
              <div className="actions">
                <button type="button" className="primary" disabled={exp.busy} onClick={saveFigure}>
                  Save figure
                </button>
                {api.kind === 'electron' && (
                  <button type="button" disabled={exp.busy} onClick={() => void copy()}>
                    Copy PNG
                  </button>
                )}
              </div>
            </fieldset>
            <fieldset>
              <legend>Table (the numbers behind the chart)</legend>
              <div className="segmented" role="radiogroup" aria-label="Table format">
                {(['csv', 'xlsx'] as const).map((f) => (
                  <label key={f}>
                    <input
                      type="radio"
                      name={`${panelId}-table`}
                      value={f}
                      checked={tableFormat === f}
                      onChange={() => setTableFormat(f)}
                    />
                    {f === 'csv' ? 'CSV' : 'Excel (XLSX)'}
                  </label>
                ))}
              </div>
              {tableFormat === 'csv' && (
                <label className="check">
                  <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
                  For Excel on Windows (UTF-8 with BOM)
                </label>
              )}
              <div className="actions">
                <button type="button" disabled={exp.busy} onClick={saveTable}>
                  Save table
                </button>
              </div>
            </fieldset>
            {exp.progress && <ProgressBar progress={exp.progress} onCancel={exp.cancel} />}
            <ErrorNote error={exp.error} />
            {exp.done && (
              <div className="export-done" role="status">
                <p>{exp.done.message}</p>
                {exp.done.warnings.map((w) => (
                  <p key={w} className="hint">
                    {w}
                  </p>
                ))}
              </div>
            )}
          </div>,
          document.body,
        )}
    </div>
  );
}
