/** Pure export primitives: sizes, PNG resolution, CSV, captions, escaping, text widths, standalone HTML. */
export * from './caption';
export * from './csv';
export * from './figure-page';
export * from './font';
export * from './markup';
export * from './png-dpi';
export * from './presets';
export * from './standalone-html';
export * from './svg-caption';
export * from './text-width';
