import type { CliIO } from './io';
import { serveCommand } from './commands/serve';
import { infoCommand } from './commands/info';
import { metricsCommand } from './commands/metrics';
import { exportCommand } from './commands/export';
import { reportCommand } from './commands/report';
import { demoCommand } from './commands/demo';
import { importCommand, importsCommand, previewCommand, undoImportCommand } from './commands/import-file';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandArgs {
  values: OptionValues;
  positionals: string[];
  io: CliIO;
  version: string;
}

export interface CommandSpec {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  run(args: CommandArgs): Promise<number | void>;
}

export const COMMANDS: Record<string, CommandSpec> = {
  serve: serveCommand,
  info: infoCommand,
  metrics: metricsCommand,
  export: exportCommand,
  report: reportCommand,
  demo: demoCommand,
  preview: previewCommand,
  import: importCommand,
  imports: importsCommand,
  'undo-import': undoImportCommand,
};
