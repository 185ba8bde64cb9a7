import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { normaliseParticipantId } from '../../src/core/csv/participant-ids';
import { expect, test } from './support/trellis-server';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const trellis = join(ROOT, 'bin', 'trellis.js');
const demo = join(ROOT, 'resources', 'demo');
const shots = join('test-results', 'screenshots');

interface ManifestFile {
  path: string;
  kind: string;
  format: string;
  encoding: string;
}
const manifest = JSON.parse(readFileSync(join(demo, 'manifest.json'), 'utf8')) as { files: ManifestFile[] };
/** The demo's Qualtrics-style youth survey of the latest cohort, pre and post. */
const survey = (wave: 'pre' | 'post') => {
  const f = manifest.files
    .filter((m) => m.kind === 'survey' && m.format.startsWith('qualtrics') && m.path.includes(`-${wave}-`))
    .sort((a, b) => b.path.localeCompare(a.path))[0];
  if (!f) throw new Error(`the demo manifest lists no Qualtrics ${wave} survey`);
  return f;
};

/**
 * Who should match, computed from the files themselves: Qualtrics rows minus previews, IDs normalised
 * (trim, case, separators, leading zeros), each person once per wave (a second answer is refused).
 */
function idsIn(path: string): Set<string> {
  const rows = Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), {
    skipEmptyLines: true,
  }).data;
  const header = rows[0]!;
  const status = header.indexOf('Status');
  const id = header.indexOf('youth_id');
  const ids = new Set<string>();
  for (const r of rows.slice(3)) {
    if (r[status] !== 'IP Address') continue;
    const key = normaliseParticipantId(r[id] ?? '');
    if (key) ids.add(key);
  }
  return ids;
}

type ImportRow = { importId: number; fileName: string; rowsImported: number; rowsSkipped: number };

/** What `trellis import --skip-invalid` then `trellis imports --json` give for the same files. */
async function cliReference(cliEnv: NodeJS.ProcessEnv, project: string, files: string[]) {
  for (const f of files)
    await run(
      process.execPath,
      [trellis, 'import', join(demo, f), '--project', project, '--skip-invalid', '--json'],
      {
        env: cliEnv,
      },
    );
  const { stdout } = await run(process.execPath, [trellis, 'imports', '--project', project, '--json'], {
    env: cliEnv,
  });
  return JSON.parse(stdout) as ImportRow[];
}

/**
 * The imports the served project holds, read from the file with the sqlite3 shell (the project stays
 * readable while Trellis holds its writer lock).
 */
async function projectImports(projectPath: string): Promise<ImportRow[]> {
  const { stdout } = await run('sqlite3', [
    '-readonly',
    '-json',
    projectPath,
    'SELECT id AS importId, file_name AS fileName, rows_imported AS rowsImported, rows_skipped AS rowsSkipped FROM imports ORDER BY id',
  ]);
  return stdout.trim() ? (JSON.parse(stdout) as ImportRow[]) : [];
}

async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Every text the progress line showed, recorded in the page while the import runs. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { progressSeen: string[] };
    w.progressSeen = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="progress-text"]');
      const bar = document.querySelector('[role="progressbar"]');
      if (el?.textContent)
        w.progressSeen.push(`${el.textContent}|${bar?.getAttribute('aria-valuenow') ?? ''}`);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

async function importSurvey(page: Page, wave: 'pre' | 'post', cohort: string, useTemplate?: string) {
  const f = survey(wave);
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('wizard-file-input').setInputFiles(join(demo, f.path));

  // 2. detected settings
  await expect(wizard.getByTestId('wizard-step')).toContainText('Detected settings');
  await expect(wizard.getByTestId('detected-summary')).toContainText('Qualtrics');
  await expect(wizard.getByTestId('detected-summary')).toContainText(f.encoding.toUpperCase());
  await expect(wizard.getByTestId('setting-platform')).toHaveValue('qualtrics');
  await expect(wizard.getByTestId('setting-encoding')).toHaveValue(f.encoding);
  await expect(wizard.getByTestId('first-rows').locator('tbody tr')).toHaveCount(8);
  // the two "Survey Preview" rows are left out by default, and said so
  await expect(wizard.getByTestId('dropped-rows')).toContainText('Survey Preview');
  await shot(page, `wizard-${wave}-2-settings`);
  await wizard.getByRole('button', { name: 'Next: columns' }).click();

  // 3. columns
  await expect(wizard.getByTestId('wizard-step')).toContainText('Columns');
  await expect(wizard.getByTestId('mapping-kind')).toHaveValue('survey');
  if (useTemplate) {
    await expect(wizard.getByTestId('template-offer')).toContainText(useTemplate);
    await wizard.getByTestId('mapping-template').selectOption(useTemplate);
    await expect(wizard.getByTestId('mapping-template')).toHaveValue(useTemplate);
  }
  await expect(wizard.getByTestId('mapping-wave')).toHaveValue(wave); // from the file name
  await expect(wizard.getByTestId('mapping-cohort')).toHaveValue(cohort);
  await expect(wizard.getByTestId('mapping-summary')).toContainText('Participant ID from youth_id');
  await expect(wizard.getByTestId('mapping-summary')).toContainText('22 survey items');
  const idRow = wizard.getByTestId('mapping-table').locator('tr[data-column="youth_id"]');
  await expect(idRow.getByTestId('column-role')).toHaveValue('participant_id');
  await shot(page, `wizard-${wave}-3-columns`);
  await wizard.getByRole('button', { name: 'Next: codebook' }).click();

  // 4. codebook: the agreement scale, "Prefer not to say" typed missing, a reverse-coded item
  await expect(wizard.getByTestId('wizard-step')).toContainText('Codebook');
  const scale = wizard.getByTestId('codebook-scale').first();
  await expect(scale).toContainText('Agreement (5 points)');
  await expect(scale.getByLabel('Value of “Strongly agree”')).toHaveValue('v:5');
  await expect(scale.getByLabel('Value of “Prefer not to say”')).toHaveValue('m:prefer_not_to_say');
  const reversed = scale
    .getByTestId('reverse-item')
    .filter({ hasText: 'I have no idea what STEM workers do' });
  await expect(reversed.getByRole('checkbox')).toBeChecked();
  await shot(page, `wizard-${wave}-4-codebook`);
  await wizard.getByRole('button', { name: 'Next: check every row' }).click();

  // 5. review: row- and column-numbered issues before anything is saved
  await expect(wizard.getByTestId('wizard-step')).toContainText('Review issues');
  const summary = wizard.getByTestId('review-summary');
  await expect(summary).toContainText('rows have errors');
  const issues = wizard.getByTestId('issues-table');
  await expect(issues.locator('tbody tr.sev-error').first()).toBeVisible();
  const errorRows = await issues.locator('tbody tr.sev-error').count();
  await expect(issues).toContainText('youth_id');
  await shot(page, `wizard-${wave}-5-review`);

  // 6. import the valid rows, with progress
  await recordProgress(page);
  await wizard.getByRole('button', { name: /^Import the \d+ valid rows/ }).click();

  // 7. report
  await expect(wizard.getByTestId('wizard-step')).toContainText('Report');
  const report = wizard.getByTestId('import-report');
  await expect(report.getByRole('status').first()).toContainText(`from ${f.path}`);
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.length, 'the progress line was shown').toBeGreaterThan(0);
  expect(seen.join('\n')).toMatch(/Importing: /);
  await shot(page, `wizard-${wave}-7-report`);
  const count = async (id: string) =>
    Number(await report.getByTestId(id).locator('dd').getAttribute('data-value'));
  const imported = await count('report-imported');
  const skipped = await count('report-skipped');
  expect(skipped).toBe(errorRows);
  return { file: f, imported, skipped };
}

test('the import wizard takes the demo Qualtrics pre and post surveys and shows the match report', async ({
  page,
  served,
}, testInfo) => {
  test.setTimeout(240_000); // two surveys through every step, on a shared 2-core machine
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(served.url);
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('import-wizard')).toBeVisible();
  await expect(page.getByTestId('imports-panel')).toContainText('Nothing imported yet');
  await shot(page, 'wizard-1-choose');

  const cohort = /(\d{4}-\d{2})/.exec(survey('pre').path)![1]!;
  const pre = await importSurvey(page, 'pre', cohort);

  // the report's counts are what the CLI gives for the same files, and what the project file holds
  const reference = await cliReference(served.cliEnv, testInfo.outputPath('reference.trellis'), [
    survey('pre').path,
    survey('post').path,
  ]);
  const expected = (f: ManifestFile) => {
    const r = reference.find((i) => i.fileName === f.path)!;
    return { fileName: r.fileName, rowsImported: r.rowsImported, rowsSkipped: r.rowsSkipped };
  };
  expect({ fileName: pre.file.path, rowsImported: pre.imported, rowsSkipped: pre.skipped }).toEqual(
    expected(pre.file),
  );
  let held = await projectImports(served.projectPath);
  expect(held).toHaveLength(1);
  expect(held[0]).toMatchObject(expected(pre.file));

  // save the mapping; the post file is offered it
  const report = page.getByTestId('import-report');
  await report.getByTestId('template-name').fill('Youth STEM survey');
  await report.getByRole('button', { name: 'Save mapping' }).click();
  await expect(report.getByRole('status').filter({ hasText: 'Saved the mapping' })).toBeVisible();
  await expect(page.getByTestId('templates-panel')).toContainText('Youth STEM survey');
  await report.getByRole('button', { name: 'Import another file' }).click();

  const post = await importSurvey(page, 'post', cohort, 'Youth STEM survey');
  expect({ fileName: post.file.path, rowsImported: post.imported, rowsSkipped: post.skipped }).toEqual(
    expected(post.file),
  );
  held = await projectImports(served.projectPath);
  expect(held).toHaveLength(2);
  expect(held.find((i) => i.fileName === post.file.path)).toMatchObject(expected(post.file));

  // the imports list shows both, with the CLI's row counts
  const table = page.getByTestId('imports-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  for (const i of held)
    await expect(
      table.locator(`tr[data-import-id="${i.importId}"]`).getByTestId('rows-imported'),
    ).toContainText(`${i.rowsImported} of`);

  // the match report: numbers computed from the files
  const preIds = idsIn(join(demo, pre.file.path));
  const postIds = idsIn(join(demo, post.file.path));
  const matched = [...preIds].filter((k) => postIds.has(k)).length;
  const group = page
    .getByTestId('match-report')
    .getByTestId('match-group')
    .filter({ hasText: `cohort ${cohort}` });
  await expect(group).toHaveCount(1);
  await expect(group.getByTestId('match-matched').locator('dd')).toHaveText(String(matched));
  await expect(group.getByTestId('match-only-pre').locator('dd')).toHaveText(String(preIds.size - matched));
  await expect(group.getByTestId('match-only-post').locator('dd')).toHaveText(String(postIds.size - matched));
  await page.getByTestId('match-report').scrollIntoViewIfNeeded();
  await shot(page, 'wizard-8-data-page');

  // a near-miss confirmed as the same person moves one pair from only-pre/only-post to matched
  const near = group.getByTestId('near-misses').locator('tbody tr');
  if ((await near.count()) > 0) {
    // the demo's typos leave off the Y ("0042" for "Y0042"): those come first, marked likely
    await expect(near.first().getByTestId('near-miss-reason')).toContainText('likely the same person');
    await near.first().getByRole('button').click();
    await expect(group.getByTestId('match-matched').locator('dd')).toHaveText(String(matched + 1));
    await expect(group.getByTestId('match-only-pre').locator('dd')).toHaveText(
      String(preIds.size - matched - 1),
    );
  }

  // undo the post import from the list: it asks first, then it is gone (here and for the CLI)
  const postId = held.find((i) => i.fileName === post.file.path)!.importId;
  const row = table.locator(`tr[data-import-id="${postId}"]`);
  await row.getByRole('button', { name: /^Undo the import/ }).click();
  await row.getByRole('button', { name: 'Keep it' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await row.getByRole('button', { name: /^Undo the import/ }).click();
  await shot(page, 'wizard-9-undo-confirm');
  await row.getByRole('button', { name: 'Yes, undo import' }).click();
  await expect(page.getByTestId('imports-panel').getByRole('status')).toContainText(
    `Undid the import of ${post.file.path}`,
  );
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator(`tr[data-import-id="${postId}"]`)).toHaveCount(0);
  expect((await projectImports(served.projectPath)).map((i) => i.fileName)).toEqual([pre.file.path]);
  expect(consoleErrors).toEqual([]);
});

test('the wizard refuses a file that is not text, and a header-only file, with a clear reason', async ({
  page,
  served,
}, testInfo) => {
  const binary = testInfo.outputPath('photo.csv');
  writeFileSync(
    binary,
    Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3,
    ]),
  );
  const headerOnly = testInfo.outputPath('header-only.csv');
  writeFileSync(headerOnly, 'youth_id,program,grade\n');

  await page.goto(served.url);
  await page.getByTestId('nav-data').click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('wizard-file-input').setInputFiles(binary);
  const alert = wizard.getByRole('alert');
  await expect(alert).toContainText('photo.csv');
  await expect(alert).toContainText(/binary file, not text/);
  await expect(wizard.getByTestId('wizard-step')).toContainText('Choose a file');
  await shot(page, 'wizard-bad-file');

  await wizard.getByTestId('wizard-file-input').setInputFiles(headerOnly);
  await expect(alert).toContainText('header-only.csv');
  await expect(alert).toContainText(
    'header-only.csv cannot be imported: The file has header rows but no data rows.',
  );
  expect(await projectImports(served.projectPath)).toEqual([]);
});

/** Presses Tab until the element has the focus: proves it is reachable from the keyboard. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>) {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('not reachable with Tab');
}

test('a roster goes through the wizard from the keyboard alone', async ({ page, served }) => {
  const roster = resolve(import.meta.dirname, '..', 'fixtures', 'skeleton', 'youth-roster.csv');
  const rows = readFileSync(roster, 'utf8').trim().split('\n').length - 1;
  await page.goto(served.url);
  await page.getByTestId('nav-data').click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('wizard-file-input').setInputFiles(roster);

  // each step's heading takes the focus, so the next Tab starts in the step
  const heading = wizard.getByTestId('wizard-step');
  await expect(heading).toContainText('Detected settings');
  await expect(heading).toBeFocused();
  await expect(wizard.getByTestId('detected-summary')).toContainText('Plain CSV');
  await tabTo(page, wizard.getByRole('button', { name: 'Next: columns' }));
  await page.keyboard.press('Enter');

  await expect(heading).toContainText('Columns');
  await expect(heading).toBeFocused();
  await expect(wizard.getByTestId('mapping-kind')).toHaveValue('roster');
  // a roster has no codebook step
  await expect(wizard.getByRole('button', { name: /Codebook/ })).toHaveCount(0);
  await expect(wizard.getByTestId('mapping-problems')).toContainText('Choose the cohort');
  await expect(wizard.getByRole('button', { name: 'Next: check every row' })).toBeDisabled();
  await tabTo(page, wizard.getByTestId('mapping-cohort'));
  await page.keyboard.type('2024-25');
  await expect(wizard.getByTestId('mapping-problems')).toHaveCount(0);
  await tabTo(page, wizard.getByRole('button', { name: 'Next: check every row' }));
  await page.keyboard.press('Enter');

  await expect(heading).toContainText('Review issues');
  await expect(wizard.getByTestId('review-summary')).toContainText(`All ${rows} rows are ready`);
  await tabTo(page, wizard.getByRole('button', { name: `Import ${rows} rows` }));
  await page.keyboard.press('Enter');
  await expect(heading).toContainText('Report');
  await expect(wizard.getByTestId('import-report').getByRole('status').first()).toContainText(
    `Imported ${rows} rows from youth-roster.csv`,
  );
  expect(await projectImports(served.projectPath)).toMatchObject([
    { fileName: 'youth-roster.csv', rowsImported: rows, rowsSkipped: 0 },
  ]);
});

test('a 300,000-row attendance log: progress in rows, percent and rate; Cancel adds nothing', async ({
  page,
  served,
}, testInfo) => {
  test.setTimeout(300_000);
  const path = testInfo.outputPath('attendance-300k.csv');
  const lines = ['youth_id,session_date,program,site,activity_type,minutes_offered,minutes_attended,cohort'];
  // Large enough that the import is still running when Cancel is pressed, even on a quick machine.
  for (let y = 1; y <= 3000; y++)
    for (let d = 0; d < 100; d++) {
      const date = `2024-${String(9 + Math.floor(d / 28)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`;
      lines.push(
        `Y${String(y).padStart(4, '0')},${date},CLUB,WMS,sensor_lab,90,${30 + ((y * 7 + d) % 61)},2024-25`,
      );
    }
  writeFileSync(path, lines.join('\n') + '\n');

  await page.goto(served.url);
  await page.getByTestId('nav-data').click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('wizard-file-input').setInputFiles(path);
  await wizard.getByRole('button', { name: 'Next: columns' }).click();
  // a row per youth and session: proposed as attendance, although it repeats the sessions' fields
  await expect(wizard.getByTestId('mapping-kind')).toHaveValue('attendance');
  await expect(wizard.getByTestId('mapping-summary')).toContainText('Participant ID from youth_id');
  await wizard.getByRole('button', { name: 'Next: check every row' }).click();
  await expect(wizard.getByTestId('review-summary')).toContainText('All 300,000 rows are ready', {
    timeout: 150_000,
  });

  await recordProgress(page);
  await wizard.getByRole('button', { name: 'Import 300,000 rows' }).click();
  const text = wizard.getByTestId('progress-text');
  await expect(text).toContainText(/Importing: [1-9][\d,]* rows · \d+% · [\d,]+ rows\/s/, {
    timeout: 30_000,
  });
  await expect(wizard.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /\d+/);
  // Cancel at once, while rows are still being read (once every row is in, the import is saving
  // and the button goes: it can no longer be cancelled)
  await wizard.getByRole('button', { name: 'Cancel import' }).click({ timeout: 15_000 });
  await expect(wizard.getByRole('alert')).toContainText(
    'Import cancelled: nothing was added to the project.',
  );
  await expect(wizard.getByTestId('wizard-step')).toContainText('Review issues');
  await shot(page, 'wizard-6-cancelled');
  expect(await projectImports(served.projectPath)).toEqual([]);
  const { stdout } = await run('sqlite3', [
    '-readonly',
    served.projectPath,
    'SELECT count(*) FROM attendance',
  ]);
  expect(stdout.trim()).toBe('0');
});

test('ambiguous dates: the wizard asks the order, and the answer decides the stored dates', async ({
  page,
  served,
}, testInfo) => {
  const path = testInfo.outputPath('roster-dates.csv');
  writeFileSync(
    path,
    'youth_id,program,enrolled_on\nY0001,CLUB,03/04/2024\nY0002,CLUB,05/06/2024\nY0003,CAMP,07/08/2024\n',
  );
  await page.goto(served.url);
  await page.getByTestId('nav-data').click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('wizard-file-input').setInputFiles(path);
  const question = wizard.getByTestId('date-order-question');
  // The question shows a date from the file both ways.
  await expect(question).toContainText(
    'In column “enrolled_on”, 03/04/2024 could be March 4, 2024 or 3 April 2024: which order does this file use?',
  );
  await expect(question.getByLabel(/Day\.month\.year/)).toHaveAccessibleName(/03\/04\/2024 is 3 April 2024/);
  await expect(wizard.getByTestId('read-notes')).toContainText('day/month order cannot be told');
  // Until it is answered, the wizard does not go on, and says why.
  const next = wizard.getByRole('button', { name: 'Next: columns' });
  await expect(next).toBeDisabled();
  await expect(next).toHaveAccessibleDescription(/Choose the date order above first/);
  await expect(wizard.getByTestId('date-order-blocks')).toBeVisible();
  await shot(page, 'wizard-date-order-question');
  // the answer previews the file again with that order (the question then goes)
  await question.getByLabel(/Day\.month\.year/).click();
  await expect(question).toHaveCount(0);
  await expect(wizard.getByTestId('date-order-blocks')).toHaveCount(0);
  await expect(next).toBeEnabled();
  await expect(wizard.getByTestId('setting-date-order')).toHaveValue('dmy');
  await wizard.getByRole('button', { name: 'Next: columns' }).click();
  await wizard.getByTestId('mapping-cohort').fill('2024-25');
  await wizard.getByRole('button', { name: 'Next: check every row' }).click();
  await wizard.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(wizard.getByTestId('import-report').getByRole('status').first()).toContainText(
    'Imported 3 rows',
  );
  const { stdout } = await run('sqlite3', [
    '-readonly',
    served.projectPath,
    "SELECT p.key || '=' || e.enrolled_on FROM enrolments e JOIN participants p ON p.id = e.participant_id ORDER BY p.key",
  ]);
  // 03/04/2024 read day first is 3 April
  expect(stdout.trim().split('\n')).toEqual(['Y0001=2024-04-03', 'Y0002=2024-06-05', 'Y0003=2024-08-07']);
});

test('a file dropped on any page opens the import wizard on the Data page', async ({ page, served }) => {
  const roster = resolve(import.meta.dirname, '..', 'fixtures', 'skeleton', 'youth-roster.csv');
  await page.goto(served.url);
  await expect(page.getByTestId('nav-overview')).toHaveAttribute('aria-current', 'page');
  const text = readFileSync(roster, 'utf8');
  const dataTransfer = await page.evaluateHandle((csv) => {
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'youth-roster.csv', { type: 'text/csv' }));
    return dt;
  }, text);
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page).toHaveURL(/#\/data$/);
  const wizard = page.getByTestId('import-wizard');
  await expect(wizard.getByTestId('wizard-step')).toContainText('Detected settings · youth-roster.csv');
  await expect(wizard.getByTestId('first-rows').locator('thead th')).toHaveText([
    'youth_id',
    'program',
    'grade',
    'school',
  ]);
});

test('the codebook flags an answer no option codes; coding it clears the issues', async ({
  page,
  served,
}, testInfo) => {
  const opts = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
  const lines = ['ResponseId,student_id,I like science,I am good at math,Science is boring to me'];
  for (let i = 1; i <= 30; i++) {
    const a = [opts[i % 5]!, opts[(i * 2) % 5]!, opts[(i * 3) % 5]!];
    if (i === 4 || i === 17) a[0] = 'Totally agree';
    lines.push(`R${i},S${String(i).padStart(3, '0')},${a.join(',')}`);
  }
  const path = testInfo.outputPath('youth-survey-pre-2024-25.csv');
  writeFileSync(path, lines.join('\n') + '\n');

  await page.goto(served.url);
  await page.getByTestId('nav-data').click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('wizard-file-input').setInputFiles(path);
  await wizard.getByRole('button', { name: 'Next: columns' }).click();
  await wizard.getByRole('button', { name: 'Next: codebook' }).click();
  const flagged = wizard.getByTestId('unmatched-values');
  await expect(flagged).toContainText('“Totally agree”');
  // reverse coding is suggested for the negatively worded item
  await expect(
    wizard.getByTestId('reverse-item').filter({ hasText: 'Science is boring to me' }).getByRole('checkbox'),
  ).toBeChecked();
  await shot(page, 'wizard-codebook-unmatched');

  // left as it is, the two rows are issues at their row and column
  await wizard.getByRole('button', { name: 'Next: check every row' }).click();
  await expect(wizard.getByTestId('review-summary')).toContainText('2 rows have errors');
  const issues = wizard.getByTestId('issues-table').locator('tbody tr.sev-error');
  await expect(issues).toHaveCount(2);
  await expect(issues.first()).toContainText('“Totally agree”');
  await expect(issues.nth(0).locator('td').nth(1)).toHaveText('5'); // record 4 is file row 5
  await expect(issues.nth(1).locator('td').nth(1)).toHaveText('18');

  // fix the mapping: code the answer as 5
  await wizard.getByRole('button', { name: 'Fix the mapping' }).click();
  await wizard.getByRole('button', { name: 'Next: codebook' }).click();
  await wizard.getByLabel('Code “Totally agree” as').selectOption('v:5');
  await expect(wizard.getByTestId('unmatched-values')).toHaveCount(0);
  await expect(wizard.getByLabel('Value of “Totally agree”')).toHaveValue('v:5');
  await wizard.getByRole('button', { name: 'Next: check every row' }).click();
  await expect(wizard.getByTestId('review-summary')).toContainText('All 30 rows are ready');
  await wizard.getByRole('button', { name: 'Import 30 rows' }).click();
  await expect(wizard.getByTestId('import-report').getByRole('status').first()).toContainText(
    'Imported 30 rows',
  );
  const { stdout } = await run('sqlite3', [
    '-readonly',
    served.projectPath,
    "SELECT group_concat(source_row || ':' || value, ' ') FROM (SELECT source_row, value FROM responses WHERE raw_text = 'Totally agree' ORDER BY source_row)",
  ]);
  expect(stdout.trim()).toBe('5:5.0 18:5.0');
});
