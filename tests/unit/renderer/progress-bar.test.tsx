import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { ProgressBar } from '../../../src/renderer/src/components/ProgressBar';

/** One progress component for imports, checks, exports and reports: what each of them shows. */
describe('ProgressBar', () => {
  const cancel = () => undefined;

  it('an export with a known total: the bar at its percent, amount and rate in words, Cancel', () => {
    const html = renderToStaticMarkup(
      <ProgressBar
        progress={{ phase: 'Rendering charts', done: 3, total: 12, unit: 'steps', rate: 1.5 }}
        onCancel={cancel}
      />,
    );
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="25"');
    expect(html).toContain('Rendering charts: 3 steps of 12 steps · 25% · 2 steps/s');
    expect(html).toContain('style="width:25%"');
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
  });

  it('an import whose total is unknown: a sliding bar, rows and rate, the wizard’s own Cancel label', () => {
    const html = renderToStaticMarkup(
      <ProgressBar
        progress={{ phase: 'Importing', done: 5000, total: null, unit: 'rows', rate: 25000 }}
        onCancel={cancel}
        cancelLabel="Cancel import"
        testId="import-progress"
      />,
    );
    expect(html).toContain('data-testid="import-progress"');
    expect(html).toContain('bar-fill indeterminate');
    expect(html).not.toContain('aria-valuenow');
    expect(html).toContain('Importing: 5,000 rows · 25,000 rows/s');
    expect(html).toContain('>Cancel import</button>');
  });

  it('no Cancel once the job can no longer be cancelled (the contract’s cancellable: false)', () => {
    const html = renderToStaticMarkup(
      <ProgressBar
        progress={{ phase: 'Saving', done: 9, total: 10, unit: 'rows', rate: null, cancellable: false }}
        onCancel={cancel}
      />,
    );
    expect(html).toContain('Saving: 9 rows of 10 rows · 90%');
    expect(html).not.toContain('<button');
  });
});
