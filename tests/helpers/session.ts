import { join } from 'node:path';
import { createDispatch } from '../../src/main/services/dispatch';
import { createHandlers } from '../../src/main/services/handlers';
import { Session } from '../../src/main/services/session';

/** The real session, handlers and dispatcher on a fresh project file in `dir`. */
export function realCore(dir: string, frontDoor: 'browser' | 'electron' = 'browser') {
  const session = new Session(frontDoor, '0.0.0-test');
  session.open(join(dir, 'test.trellis'));
  const handlers = createHandlers(session);
  const dispatch = createDispatch(handlers, () => {});
  return { session, handlers, dispatch };
}
