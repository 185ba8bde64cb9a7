/** Pure export primitives: sizes, PNG resolution, CSV, captions, escaping, standalone HTML. */
export * from './caption';
export * from './csv';
export * from './figure-page';
export * from './markup';
export * from './png-dpi';
export * from './presets';
export * from './standalone-html';
export * from './svg-caption';
