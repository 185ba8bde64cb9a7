/** The grant report, pure: metric tables, the methods section, the outline and its HTML. */
export * from './display-table';
export * from './inputs';
export * from './methods';
export * from './metric-tables';
export * from './outline';
export * from './page';
export * from './render-html';
