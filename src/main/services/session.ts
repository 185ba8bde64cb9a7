import { TrellisError } from '@shared/errors';
import { openProject, type Project } from '../db/open-project';
import { latestVersion } from '../db/migrations';
import { Downloads } from './downloads';
import { FileRefs } from './file-refs';
import type { NativeDialogs } from './native';
import { rememberRecent } from './recent-projects';

export type FrontDoor = 'electron' | 'browser';

/**
 * The state one running Trellis holds: the open project and the files the user handed over. One
 * session serves one front door (an Electron window set, a loopback server, or a CLI command).
 */
export class Session {
  readonly files = new FileRefs();
  /** Finished exports waiting for browser mode to fetch them. */
  readonly downloads = new Downloads();
  private current: Project | null = null;
  private demoPath: string | null = null;

  constructor(
    readonly frontDoor: FrontDoor,
    readonly version: string,
    readonly native: NativeDialogs | null = null,
  ) {}

  get nativeDialogs(): NativeDialogs {
    if (!this.native) {
      throw new TrellisError(
        'not_available',
        'Native dialogs exist only in the desktop app; in the browser, drop or upload the file.',
      );
    }
    return this.native;
  }

  open(path: string, opts: { isDemo?: boolean } = {}): Project {
    const next = openProject(path);
    this.current?.close();
    this.current = next;
    this.demoPath = opts.isDemo ? path : null;
    rememberRecent(path);
    return next;
  }

  get project(): Project {
    if (!this.current) throw new TrellisError('no_project', 'No project is open: open or create one first.');
    return this.current;
  }

  get projectOrNull(): Project | null {
    return this.current;
  }

  summary() {
    const p = this.current;
    return p
      ? { name: p.name, path: p.path, schemaVersion: latestVersion, isDemo: p.path === this.demoPath }
      : null;
  }

  close(): void {
    this.current?.close();
    this.current = null;
  }
}
