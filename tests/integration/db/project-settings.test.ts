import { describe, expect, it } from 'vitest';
import { DEFAULT_PROJECT_SETTINGS } from '../../../src/shared/metrics';
import { realCore } from '../../helpers/session';
import { useTempDir } from '../../helpers/temp';

describe('project settings and dimensions through the contract', () => {
  const temp = useTempDir();

  it('starts from the defaults, persists a change, and refuses a threshold under 5', async () => {
    const dir = temp();
    const first = realCore(dir);
    expect(await first.dispatch('project.settings', {})).toEqual({
      ok: true,
      value: DEFAULT_PROJECT_SETTINGS,
    });
    expect(await first.dispatch('project.updateSettings', { suppressionThreshold: 15 })).toMatchObject({
      ok: true,
      value: { suppressionThreshold: 15, dosageBandsHours: [10, 30, 60] },
    });
    expect(await first.dispatch('project.updateSettings', { suppressionThreshold: 3 })).toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    });
    expect(await first.dispatch('project.updateSettings', { dosageBandsHours: [30, 10] })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringContaining('rise') },
    });
    first.session.close();
    const again = realCore(dir); // re-opened from disk
    expect(await again.dispatch('project.settings', {})).toMatchObject({
      ok: true,
      value: { suppressionThreshold: 15 },
    });
    again.session.close();
  });

  it('describes an empty project as empty, not as an error', async () => {
    const { dispatch, session } = realCore(temp());
    const r = await dispatch('project.dimensions', {});
    expect(r).toMatchObject({
      ok: true,
      value: {
        cohorts: [],
        programs: [],
        scales: [],
        dateRange: null,
        counts: { participants: 0, imports: 0 },
      },
    });
    session.close();
  });
});
