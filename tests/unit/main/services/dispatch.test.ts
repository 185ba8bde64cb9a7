import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../../src/shared/contract';
import { createDispatch } from '../../../../src/main/services/dispatch';
import { TrellisError } from '../../../../src/shared/errors';
import type { Handlers } from '../../../../src/main/services/handlers';
import { realCore } from '../../../helpers/session';
import { useTempDir } from '../../../helpers/temp';

describe('the dispatcher', () => {
  const temp = useTempDir();

  it('has a handler for every contract method', () => {
    const { handlers, session } = realCore(temp());
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
    session.close();
  });

  it('answers a valid call with its value', async () => {
    const { dispatch, session } = realCore(temp());
    const r = await dispatch('app.info', {});
    expect(r).toMatchObject({ ok: true, value: { frontDoor: 'browser', project: { name: 'test' } } });
    session.close();
  });

  it.each([
    ['no.suchMethod', {}, 'unknown_method'],
    ['table.countBy', { importId: 'one', column: 0 }, 'bad_input'],
    ['table.countBy', { importId: 1, column: -1 }, 'bad_input'],
    ['table.preview', { file: '/etc/passwd' }, 'bad_input'],
    ['table.preview', { file: 'f_0123456789abcdef0123' }, 'file_not_found'],
    ['files.choose', {}, 'not_available'],
    ['table.countBy', { importId: 42, column: 0 }, 'not_found'],
  ])('turns %s(%j) into error data with code %s', async (method, input, code) => {
    const { dispatch, session } = realCore(temp());
    const r = await dispatch(method, input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
    session.close();
  });

  it('names the failing field of a bad input', async () => {
    const { dispatch, session } = realCore(temp());
    const r = await dispatch('table.countBy', { importId: 1 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringContaining('column') },
    });
    session.close();
  });

  it('reports an unexpected exception as internal, without throwing', async () => {
    const logged: unknown[] = [];
    const boom = {
      'app.info': () => {
        throw new Error('kaput');
      },
    } as unknown as Handlers;
    const r = await createDispatch(boom, (e) => logged.push(e))('app.info', {});
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('kaput') },
    });
    expect(logged).toHaveLength(1);
    const known = {
      'app.info': () => {
        throw new TrellisError('no_project', 'Open one.');
      },
    } as unknown as Handlers;
    expect(await createDispatch(known)('app.info', {})).toEqual({
      ok: false,
      error: { code: 'no_project', message: 'Open one.' },
    });
  });
});
