/** The file-reading and detection layer: pure functions over bytes, text and rows. */
export * from './issues';
export * from './detect-encoding';
export * from './decode-stream';
export * from './utf8';
export * from './detect-dialect';
export * from './detect-values';
export * from './normalise-line-endings';
export * from './parse-rows';
export * from './columns';
export * from './detect-platform';
export { splitMultiSelect, inferMultiSelectOptions, splitMultiSelectColumn } from './platform-google-forms';
export * from './likert';
export * from './participant-ids';
export * from './read-settings';
export * from './sniff-sample';
export * from './write-csv';
