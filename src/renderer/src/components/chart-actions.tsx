import { createContext, useContext, type ReactNode } from 'react';
import type { ChartModel } from '@core/charts/model';

/**
 * The per-chart action slot of every dashboard card (top right). The export helper provides its
 * "Export" button here once, for every chart: `<ChartActionsProvider value={(model) => <ExportButton
 * model={model} />}>` around the pages in App.tsx.
 */
export type ChartActions = (model: ChartModel) => ReactNode;
const ChartActionsContext = createContext<ChartActions | null>(null);
export const ChartActionsProvider = ChartActionsContext.Provider;
export const useChartActions = () => useContext(ChartActionsContext);
