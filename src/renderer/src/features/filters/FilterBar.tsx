import type { MetricFilters, ProjectDimensions } from '@shared/metrics';
import { partnerTypeLabel } from '@core/charts/partners';
import { useFilters } from './filters';

type ListKey = 'cohorts' | 'programs' | 'sites' | 'partners' | 'partnerTypes';
interface Option {
  code: string;
  label: string;
}

const LISTS: { key: ListKey; name: string; options(d: ProjectDimensions): Option[] }[] = [
  {
    key: 'cohorts',
    name: 'Cohort',
    options: (d) => d.cohorts.map((c) => ({ code: c.code, label: c.label })),
  },
  { key: 'programs', name: 'Program', options: (d) => d.programs },
  { key: 'sites', name: 'Site', options: (d) => d.sites },
  { key: 'partners', name: 'Partner', options: (d) => d.partners },
  {
    key: 'partnerTypes',
    name: 'Partner type',
    options: (d) => d.partnerTypes.map((t) => ({ code: t.code, label: t.label || partnerTypeLabel(t.code) })),
  },
];

/** A readable attribute name ('race_ethnicity' -> 'Race ethnicity', 'frl' -> 'FRL'). */
const attributeName = (n: string) =>
  n.length <= 3 ? n.toUpperCase() : n.charAt(0).toUpperCase() + n.slice(1).replace(/_/g, ' ');

/**
 * The filter bar: the active filters as chips (always visible, each removable), and one control per
 * dimension to add more. Values within a dimension widen the selection (or); dimensions narrow it (and).
 */
export function FilterBar() {
  const { filters, setFilters, dimensions } = useFilters();
  const d = dimensions;
  const chips: { id: string; text: string; remove(): MetricFilters }[] = [];
  for (const list of LISTS) {
    for (const code of filters[list.key] ?? []) {
      const label = (d ? list.options(d) : []).find((o) => o.code === code)?.label ?? code;
      chips.push({
        id: `${list.key}:${code}`,
        text: `${list.name}: ${label}`,
        remove: () => ({ ...filters, [list.key]: (filters[list.key] ?? []).filter((c) => c !== code) }),
      });
    }
  }
  for (const [name, values] of Object.entries(filters.attributes ?? {}))
    for (const value of values)
      chips.push({
        id: `attr:${name}:${value}`,
        text: `${attributeName(name)}: ${value}`,
        remove: () => ({
          ...filters,
          attributes: { ...filters.attributes, [name]: values.filter((v) => v !== value) },
        }),
      });
  if (filters.dateFrom)
    chips.push({
      id: 'from',
      text: `From ${filters.dateFrom}`,
      remove: () => ({ ...filters, dateFrom: undefined }),
    });
  if (filters.dateTo)
    chips.push({ id: 'to', text: `To ${filters.dateTo}`, remove: () => ({ ...filters, dateTo: undefined }) });

  return (
    <section className="filter-bar" aria-label="Filters" data-testid="filter-bar">
      <div className="chips" aria-live="polite">
        <span className="chips-label">Showing:</span>
        {chips.length === 0 ? (
          <span className="chip chip-all" data-testid="chip-all">
            All youth, programs, sites and cohorts
          </span>
        ) : (
          chips.map((c) => (
            <span className="chip" key={c.id} data-testid="filter-chip">
              {c.text}
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove filter ${c.text}`}
                onClick={() => setFilters(c.remove())}
              >
                ×
              </button>
            </span>
          ))
        )}
        {chips.length > 0 && (
          <button type="button" className="link-button" onClick={() => setFilters({})}>
            Clear all
          </button>
        )}
      </div>
      {d && (
        <div className="filter-controls">
          {LISTS.map((list) => {
            const chosen = new Set(filters[list.key] ?? []);
            const options = list.options(d).filter((o) => !chosen.has(o.code));
            if (list.options(d).length === 0) return null;
            return (
              <label key={list.key} className="filter-control">
                <span className="visually-hidden">Add a {list.name.toLowerCase()} filter</span>
                <select
                  value=""
                  data-testid={`filter-${list.key}`}
                  disabled={options.length === 0}
                  onChange={(e) => {
                    if (!e.target.value) return;
                    setFilters({ ...filters, [list.key]: [...chosen, e.target.value] });
                  }}
                >
                  <option value="">{list.name}…</option>
                  {options.map((o) => (
                    <option key={o.code} value={o.code}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
          {d.attributes.length > 0 && (
            <label className="filter-control">
              <span className="visually-hidden">Add a participant attribute filter</span>
              <select
                value=""
                data-testid="filter-attributes"
                onChange={(e) => {
                  const v = e.target.value;
                  const eq = v.indexOf('=');
                  if (eq < 0) return;
                  const name = v.slice(0, eq);
                  const value = v.slice(eq + 1);
                  const current = filters.attributes?.[name] ?? [];
                  if (current.includes(value)) return;
                  setFilters({
                    ...filters,
                    attributes: { ...filters.attributes, [name]: [...current, value] },
                  });
                }}
              >
                <option value="">Participant attribute…</option>
                {d.attributes.map((a) => (
                  <optgroup key={a.name} label={attributeName(a.name)}>
                    {a.values.map((v) => (
                      <option key={v} value={`${a.name}=${v}`}>
                        {attributeName(a.name)}: {v}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
          )}
          <label className="filter-control date">
            From{' '}
            <input
              type="date"
              data-testid="filter-from"
              value={filters.dateFrom ?? ''}
              min={d.dateRange?.from}
              max={d.dateRange?.to}
              onChange={(e) => setFilters({ ...filters, dateFrom: e.target.value || undefined })}
            />
          </label>
          <label className="filter-control date">
            To{' '}
            <input
              type="date"
              data-testid="filter-to"
              value={filters.dateTo ?? ''}
              min={d.dateRange?.from}
              max={d.dateRange?.to}
              onChange={(e) => setFilters({ ...filters, dateTo: e.target.value || undefined })}
            />
          </label>
        </div>
      )}
    </section>
  );
}
