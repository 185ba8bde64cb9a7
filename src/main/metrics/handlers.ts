import type { Handlers } from '../services/handlers';
import type { Session } from '../services/session';
import { computeMetrics } from './compute';

/** The metrics methods of the contract (spread into createHandlers). */
export const metricsHandlers = (session: Session): Pick<Handlers, 'metrics.compute'> => ({
  'metrics.compute': ({ filters, by, sections }) =>
    computeMetrics(session.project.db, { filters, by, sections }),
});
