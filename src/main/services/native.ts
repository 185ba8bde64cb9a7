/**
 * What only a desktop shell can do (native dialogs). The Electron shell provides it; browser mode and
 * the CLI have none, and the methods that need it answer `not_available`.
 */
export interface NativeDialogs {
  chooseFiles(purpose: 'import'): Promise<string[]>;
  chooseProject(mode: 'create' | 'open'): Promise<string | null>;
}
