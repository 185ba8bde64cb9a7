export { readTable, type ReadProgress, type ReadTableResult } from './read-table';
export { sniffFile, type SniffFileResult } from './sniff-file';
