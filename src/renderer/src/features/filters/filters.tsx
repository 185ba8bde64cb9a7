import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MetricFilters, ProjectDimensions } from '@shared/metrics';

/**
 * The filters every dashboard page applies: one set for the whole app, so moving between pages keeps
 * the selection. `changedAt` is when they last changed (performance.now()), so a page can measure how
 * long its redraw took.
 */
interface FiltersState {
  filters: MetricFilters;
  /** Stable text of the filters: the key of a metrics request and of a drawn page. */
  key: string;
  setFilters(next: MetricFilters): void;
  /** When the filters last changed (performance.now()), once: the next call returns null. */
  takeChangedAt(): number | null;
  dimensions: ProjectDimensions | null;
}

const FiltersContext = createContext<FiltersState | null>(null);
const STORAGE = 'trellis.filters';

/** Filters without empty lists, keys in a fixed order: equal selections give equal keys. */
export function normaliseFilters(f: MetricFilters): MetricFilters {
  const out: MetricFilters = {};
  const list = (v?: string[]) => (v && v.length > 0 ? [...v].sort() : undefined);
  const set = <K extends keyof MetricFilters>(k: K, v: MetricFilters[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('cohorts', list(f.cohorts));
  set('programs', list(f.programs));
  set('sites', list(f.sites));
  set('partners', list(f.partners));
  set('partnerTypes', list(f.partnerTypes));
  const attrs = Object.entries(f.attributes ?? {})
    .filter(([, v]) => v.length > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  if (attrs.length > 0) out.attributes = Object.fromEntries(attrs.map(([k, v]) => [k, [...v].sort()]));
  set('dateFrom', f.dateFrom || undefined);
  set('dateTo', f.dateTo || undefined);
  return out;
}
export const filtersKey = (f: MetricFilters) => JSON.stringify(normaliseFilters(f));

function initial(): MetricFilters {
  try {
    const raw = sessionStorage.getItem(STORAGE);
    return raw ? normaliseFilters(JSON.parse(raw) as MetricFilters) : {};
  } catch {
    return {};
  }
}

export function FiltersProvider({
  dimensions,
  children,
}: {
  dimensions: ProjectDimensions | null;
  children: ReactNode;
}) {
  const [filters, setState] = useState<MetricFilters>(initial);
  const changedAt = useRef<number | null>(null);
  const setFilters = useCallback((next: MetricFilters) => {
    const clean = normaliseFilters(next);
    changedAt.current = performance.now();
    try {
      sessionStorage.setItem(STORAGE, JSON.stringify(clean));
    } catch {
      // Storage may be unavailable (private mode); filters still work for this session.
    }
    setState(clean);
  }, []);
  const takeChangedAt = useCallback(() => {
    const t = changedAt.current;
    changedAt.current = null;
    return t;
  }, []);
  const value = useMemo(
    () => ({ filters, key: filtersKey(filters), setFilters, takeChangedAt, dimensions }),
    [filters, setFilters, takeChangedAt, dimensions],
  );
  return <FiltersContext.Provider value={value}>{children}</FiltersContext.Provider>;
}

export function useFilters(): FiltersState {
  const v = useContext(FiltersContext);
  if (!v) throw new Error('useFilters outside FiltersProvider');
  return v;
}
