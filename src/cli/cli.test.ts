/**
 * The command line as SPEC §7 describes it, run as a separate process: create an organisation,
 * import people and absences (bad files rejected whole), and report. On the embedded database
 * in a temporary directory, or on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { unique } from '../testing/factories.ts';

const run = promisify(execFile);
const dataDir = await mkdtemp(path.join(tmpdir(), 'wellwork-cli-'));
after(() => rm(dataDir, { recursive: true, force: true }));

const env = {
  ...process.env,
  LOG_LEVEL: 'warn',
  ...(process.env.TEST_DATABASE_URL
    ? { DATABASE_URL: process.env.TEST_DATABASE_URL }
    : { WELLWORK_DATA_DIR: dataDir, DATABASE_URL: '' }),
};

async function wellwork(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('bin/wellwork', args, { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const slug = unique('cli');

/** `wellwork report absence` for the test organisation over a period, by a grouping. */
const report = (from: string, to: string, by: string, ...more: string[]) =>
  wellwork('report', 'absence', '--org', slug, '--from', from, '--to', to, '--by', by, ...more);
const HEADER =
  'group,average_fte,hours_available,hours_lost,fte_days_lost,days_lost_per_fte,absence_rate_pct,episodes,short_term_episodes,long_term_episodes,cost_gbp';

test('an organisation is created, people and absences imported all or nothing, and reported', async () => {
  const created = await wellwork(
    'org',
    'create',
    '--slug',
    slug,
    '--name',
    'Command Line Council',
    '--full-time-hours',
    '37',
  );
  assert.equal(created.code, 0, created.stderr);

  const people = await wellwork('import', 'people', '--org', slug, 'tests/fixtures/people-valid.csv');
  assert.equal(people.code, 0, people.stderr);

  // A bad file: every problem by row and column, nothing written, a non-zero exit.
  const bad = await wellwork('import', 'absences', '--org', slug, 'tests/fixtures/absences-bad.csv');
  assert.notEqual(bad.code, 0);
  assert.equal(bad.stdout, '', 'problems go to standard error');
  assert.match(bad.stderr, /absences-bad\.csv/);
  assert.match(bad.stderr, /row 5\b.*start_date/);
  assert.match(bad.stderr, /row 7\b.*reason_code/);
  const none = await report('2024-01-01', '2024-12-31', 'organisation');
  assert.equal(none.code, 0, none.stderr);
  assert.match(none.stdout.trim().split('\n').at(-1) ?? '', /^TOTAL,[^,]*,[^,]*,0,0,0,0,0,0,0,0$/);

  const dry = await wellwork(
    'import',
    'absences',
    '--org',
    slug,
    '--dry-run',
    'tests/fixtures/absences-valid.csv',
  );
  assert.equal(dry.code, 0, dry.stderr);
  const good = await wellwork('import', 'absences', '--org', slug, 'tests/fixtures/absences-valid.csv');
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /10 created, 0 updated, 0 unchanged/);
  const again = await wellwork('import', 'absences', '--org', slug, 'tests/fixtures/absences-valid.csv');
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 created, 0 updated, 10 unchanged/);

  // Declan works Monday, Tuesday and Saturday and went home 3.5 hours into Monday's shift.
  const csv = await report('2024-02-01', '2024-02-29', 'unit', '--format', 'csv');
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], HEADER);
  assert.match(lines.at(-1) ?? '', /^TOTAL,/);
  const north = lines.find((l) => l.startsWith('Adult Social Care > Home Care > North Team,'));
  assert.equal(north?.split(',')[3], '3.50');
  assert.equal(north?.split(',')[7], '1');

  const json = await report('2024-01-01', '2024-12-31', 'month', '--method', 'calendar', '--format', 'json');
  assert.equal(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout) as { group: string }[];
  assert.equal(rows.length, 13);
  assert.equal(rows[0]?.group, '2024-01');
  assert.equal(rows.at(-1)?.group, 'TOTAL');
  assert.deepEqual(Object.keys(rows[0] ?? {}).slice(0, 5), [
    'group',
    'average_fte',
    'fte_days_lost',
    'days_lost_per_fte',
    'absence_rate_pct',
  ]);

  const table = await report('2024-01-01', '2024-12-31', 'reason', '--format', 'table');
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /S13/);
  assert.match(table.stdout, /TOTAL/);
});

test('bad arguments and bad files say what is wrong', async () => {
  const badBy = await report('2024-01-01', '2024-12-31', 'team');
  assert.notEqual(badBy.code, 0);
  assert.match(badBy.stderr, /by must be one of organisation, directorate, unit, staff-group, reason, month/);
  assert.equal(badBy.stdout, '');

  const badDate = await report('2024-02-30', '2024-12-31', 'unit');
  assert.notEqual(badDate.code, 0);
  assert.match(badDate.stderr, /from must be a real date/);

  const unknownOrg = await wellwork(
    'import',
    'people',
    '--org',
    'no-such-org',
    'tests/fixtures/people-valid.csv',
  );
  assert.notEqual(unknownOrg.code, 0);
  assert.match(unknownOrg.stderr, /no-such-org/);

  const file = path.join(dataDir, 'feed.json');
  await writeFile(
    file,
    '{"england-and-wales": {"division": "england-and-wales", "events": [{"date": "2030-13-01"}]}}',
  );
  const feed = await wellwork('bank-holidays', 'load', file);
  assert.notEqual(feed.code, 0);
  assert.match(feed.stderr, /feed\.json/);
});

test('names that look like formulas come out of the CSV report as text, the figures as numbers', async () => {
  const org = unique('cli-formulas');
  const created = await wellwork('org', 'create', '--slug', org, '--name', 'Formula Council');
  assert.equal(created.code, 0, created.stderr);
  const names = ['=HYPERLINK("http://evil.example";"x")', "+cmd|' /C calc'!A0", '@SUM(1+1)'];
  const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const file = path.join(dataDir, 'formula-people.csv');
  await writeFile(
    file,
    [
      'employee_number,first_name,last_name,unit,start_date,weekly_hours,staff_group',
      ...names.map((name, i) => `F${i},Amara,Okafor,${quoted(name)},2020-04-01,37,${quoted(name)}`),
    ].join('\n'),
  );
  const imported = await wellwork('import', 'people', '--org', org, file);
  assert.equal(imported.code, 0, imported.stderr);
  for (const by of ['unit', 'staff-group', 'directorate']) {
    const csv = await wellwork(
      'report',
      'absence',
      '--org',
      org,
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--by',
      by,
      '--format',
      'csv',
    );
    assert.equal(csv.code, 0, csv.stderr);
    const lines = csv.stdout.trim().split('\n');
    for (const name of names) {
      assert.ok(lines.some((l) => l.startsWith(quoted(`'${name}`) + ',') || l.startsWith(`'${name},`)));
    }
    for (const line of lines.slice(1)) assert.doesNotMatch(line, /^"?[=+\-@\t\r]/, `${by}: ${line}`);
    assert.match(lines.at(-1) ?? '', /^TOTAL,[\d.]+,[\d.]+,0,/);
  }
});
