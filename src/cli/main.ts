import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { BackupError } from '../db/backup-error.ts';
import { openDatabase } from '../db/database.ts';
import { prepareDatabase } from '../prepare.ts';
import { buildServices, type Services } from '../services.ts';
import { formatProblem, type CsvProblem } from '../domain/csv-problems.ts';
import { parseAbsencesCsv } from '../modules/absences/absences-csv.ts';
import { importParsedAbsences } from '../modules/absences/absences-import.ts';
import { reportCsv, reportJson, reportTable } from '../modules/absence-report/report-format.ts';
import { reportParameters, runAbsenceReport } from '../modules/absence-report/report-service.ts';
import { loadBankHolidayFeed } from '../modules/calendar/bank-holidays-service.ts';
import { parsePeopleCsv } from '../modules/people/people-csv.ts';
import { importParsedPeople } from '../modules/people/people-import.ts';
import { createOrganisation, organisationSettings } from '../modules/partnership/organisation-settings.ts';
import { isRealDate } from '../domain/dates.ts';
import { today } from '../domain/today.ts';

const USAGE = `Usage: bin/wellwork COMMAND

  db migrate
  org create --slug SLUG --name NAME [--full-time-hours 37.5] [--region england-and-wales|scotland|northern-ireland]
             [--target-days 10] [--sector nhs|local_government|police|housing|private|voluntary|education|other]
             [--policy-model person_centred|trigger_based]
  import people   --org SLUG FILE.csv [--dry-run]
  import absences --org SLUG FILE.csv [--dry-run]
  report absence  --org SLUG --from YYYY-MM-DD --to YYYY-MM-DD
                  --by organisation|directorate|unit|staff-group|reason|month
                  [--method hours|calendar] [--format csv|json|table]
  bank-holidays load FILE.json   GOV.UK's bank-holidays.json, to refresh the shipped dates
  reminders send [--date YYYY-MM-DD]   emails each line manager what falls due that day (run daily)
  demo            loads the demo partnership
  demo sign-ins   the demo accounts as CSV: email,password,role,organisation
  serve           the web server
  oh rotate-key [--new-key KEY]   re-seals every OH clinical note with a new OH notes key (stop the server first)
  backup FILE     writes a backup of the whole database to FILE (stop the server first on the embedded database)
  restore FILE [--force]   restores a backup made by \`backup\`; --force replaces a database that holds data

Uses the embedded database in WELLWORK_DATA_DIR (default ./data) unless DATABASE_URL is set.`;

/** A problem with what the person asked for: printed plainly, exit status 2. */
export class UsageError extends Error {}

/** Bad input (a file, a value): printed with every problem, exit status 1. */
export class InputError extends Error {}

type Command = (args: string[], config: Config) => Promise<void>;

async function withServices<T>(config: Config, work: (services: Services) => Promise<T>): Promise<T> {
  const database = await openDatabase(config.database);
  try {
    await prepareDatabase(database);
    return await work(buildServices(database, config));
  } finally {
    await database.close();
  }
}

function out(text: string) {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function say(text: string) {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

const commands: Record<string, Command> = {
  async 'db migrate'(_args, config) {
    await withServices(config, async () => undefined);
    say('Database is up to date.');
  },

  async 'org create'(args, config) {
    const { values } = parseArgs({
      args,
      options: {
        slug: { type: 'string' },
        name: { type: 'string' },
        'full-time-hours': { type: 'string' },
        region: { type: 'string' },
        'target-days': { type: 'string' },
        sector: { type: 'string' },
        'policy-model': { type: 'string' },
      },
      strict: true,
    });
    const settings = organisationSettings.safeParse({
      slug: values.slug,
      name: values.name,
      fullTimeHours: values['full-time-hours'] ?? 37.5,
      region: values.region ?? 'england-and-wales',
      targetDaysPerFte: values['target-days'] ?? 10,
      sector: values.sector ?? 'other',
      policyModel: values['policy-model'] ?? 'person_centred',
      onCostRate: 0,
    });
    if (!settings.success) {
      throw new UsageError(
        settings.error.issues.map((i) => `--${optionName(String(i.path[0]))}: ${i.message}`).join('\n'),
      );
    }
    await withServices(config, async (services) => {
      if (await services.organisations.findBySlug(settings.data.slug)) {
        throw new InputError(`--slug: an organisation with the slug "${settings.data.slug}" already exists`);
      }
      const created = await createOrganisation(services, settings.data);
      out(`Created organisation ${created.slug} (${created.name})`);
    });
  },

  async 'import people'(args, config) {
    const { values, positionals } = parseArgs({
      args,
      options: { org: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (!values.org) throw new UsageError('--org SLUG is required');
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('Give one CSV file to import');
    const bytes = await readInput(file);
    const fileName = path.basename(file);
    await withServices(config, async (services) => {
      const organisation = await services.organisations.findBySlug(values.org ?? '');
      if (!organisation)
        throw new InputError(`--org: there is no organisation with the slug "${values.org}"`);
      const parsed = await parsePeopleCsv(bytes);
      const result = await importParsedPeople(services, organisation.id, parsed, {
        dryRun: values['dry-run'],
        today: today(),
      });
      if (!result.ok) throw new InputError(problemReport(fileName, result.problems));
      const s = result.summary;
      out(
        `${s.dryRun ? 'Dry run: would import' : 'Imported'} ${fileName} into ${organisation.slug}: ` +
          `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.unitsCreated} units created`,
      );
    });
  },

  async 'import absences'(args, config) {
    const { values, positionals } = parseArgs({
      args,
      options: { org: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (!values.org) throw new UsageError('--org SLUG is required');
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('Give one CSV file to import');
    const bytes = await readInput(file);
    const fileName = path.basename(file);
    await withServices(config, async (services) => {
      const organisation = await services.organisations.findBySlug(values.org ?? '');
      if (!organisation)
        throw new InputError(`--org: there is no organisation with the slug "${values.org}"`);
      const parsed = await parseAbsencesCsv(bytes);
      const result = await importParsedAbsences(services, organisation.id, parsed, {
        dryRun: values['dry-run'],
      });
      if (!result.ok) throw new InputError(problemReport(fileName, result.problems));
      const s = result.summary;
      out(
        `${s.dryRun ? 'Dry run: would import' : 'Imported'} ${fileName} into ${organisation.slug}: ` +
          `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged`,
      );
    });
  },

  async 'report absence'(args, config) {
    const { values } = parseArgs({
      args,
      options: {
        org: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        by: { type: 'string' },
        method: { type: 'string' },
        format: { type: 'string' },
        unit: { type: 'string' },
        'staff-group': { type: 'string' },
        reason: { type: 'string' },
      },
      strict: true,
    });
    if (!values.org) throw new UsageError('--org SLUG is required');
    const parameters = reportParameters.safeParse({
      from: values.from,
      to: values.to,
      by: values.by,
      method: values.method,
      unit: values.unit,
      staffGroup: values['staff-group'],
      reason: values.reason,
    });
    if (!parameters.success) {
      throw new UsageError(
        parameters.error.issues.map((i) => `--${optionName(String(i.path[0]))}: ${i.message}`).join('\n'),
      );
    }
    const format = values.format ?? 'csv';
    if (!['csv', 'json', 'table'].includes(format))
      throw new UsageError('--format must be csv, json or table');
    await withServices(config, async (services) => {
      const organisation = await services.organisations.findBySlug(values.org ?? '');
      if (!organisation)
        throw new InputError(`--org: there is no organisation with the slug "${values.org}"`);
      const rows = await runAbsenceReport(services.database, organisation, parameters.data);
      const method = parameters.data.method;
      out(
        format === 'json'
          ? reportJson(rows, method)
          : format === 'table'
            ? reportTable(rows, method)
            : reportCsv(rows, method),
      );
    });
  },

  async 'bank-holidays'(args, config) {
    const [verb, file, ...extra] = args;
    if (verb !== 'load' || !file || extra.length > 0)
      throw new UsageError('Usage: bin/wellwork bank-holidays load FILE.json');
    const text = (await readInput(file)).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new InputError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    await withServices(config, async (services) => {
      let summary;
      try {
        summary = await services.database.transaction((db) => loadBankHolidayFeed(db, json));
      } catch (error) {
        throw new InputError(`${file}: ${(error as Error).message}`);
      }
      for (const s of summary) out(`${s.region}: ${s.count} bank holidays from ${s.from} to ${s.to}`);
    });
  },

  async 'reminders send'(args, config) {
    const { values } = parseArgs({ args, options: { date: { type: 'string' } }, strict: true });
    const date = values.date ?? today();
    if (!isRealDate(date)) throw new UsageError(`--date: "${date}" is not a date written as YYYY-MM-DD`);
    if (!config.mail.smtpUrl && !config.mail.directory) {
      throw new InputError(
        'Reminders need somewhere to send email: set SMTP_URL, or MAIL_DIR to write each message to a folder.',
      );
    }
    if (!config.publicUrlSet) {
      say(
        `Warning: PUBLIC_URL is not set, so the links in the emails use ${config.publicUrl}, which only works on this machine. Set PUBLIC_URL to the address people use, e.g. PUBLIC_URL=https://wellwork.example.org.`,
      );
    }
    const { sendDailyReminders } = await import('../modules/reminders/daily-reminders.ts');
    await withServices(config, async (services) => {
      for (const result of await sendDailyReminders(services, date)) {
        say(
          `${result.slug}: ${result.sent} reminder ${result.sent === 1 ? 'email' : 'emails'} sent for ${date}` +
            (result.sent < result.managers
              ? ` (${result.managers - result.sent} already sent or without an email address)`
              : ''),
        );
      }
    });
  },

  async demo(args, config) {
    // Loaded only for the demo, as the web app is only to serve (below).
    const { demoSignIns, hasAnyOrganisation, loadDemo } = await import('../modules/demo/load-demo.ts');
    if (args[0] === 'sign-ins') {
      out(demoSignIns());
      return;
    }
    if (args.length > 0) throw new UsageError(`Unknown demo command: ${args.join(' ')}`);
    await withServices(config, async (services) => {
      if (await hasAnyOrganisation(services)) {
        throw new InputError(
          'The database already holds organisations; the demo partnership loads into an empty one.',
        );
      }
      const summary = await loadDemo(services);
      out(
        `Loaded the demo partnership: ${summary.organisations} organisations, ${summary.people} people, ${summary.absences} absences, ${summary.accounts} accounts.`,
      );
    });
  },

  async 'oh rotate-key'(args, config) {
    const { values } = parseArgs({ args, options: { 'new-key': { type: 'string' } }, strict: true });
    const { RotationError, carryOutRotation, planRotation } =
      await import('../modules/occupational-health/notes-key-rotation.ts');
    const { UnknownNotesKey } = await import('../modules/occupational-health/notes-repository.ts');
    await withServices(config, async (services) => {
      const current = services.ohNotesKey;
      let plan;
      try {
        plan = planRotation(config.ohNotes, current, values['new-key']);
      } catch (error) {
        if (error instanceof RotationError) throw new UsageError(error.message);
        throw error;
      }
      if (plan.kind === 'environment') {
        // Given before anything is re-sealed, so that a rotation cut short can be finished.
        out(plan.nextKey);
        say(
          'The new OH notes key is above. Keep it where OH_NOTES_KEY is kept: should this rotation be cut short, run it again with --new-key and this key.',
        );
      } else if (plan.resumed) {
        say('Carrying on the rotation cut short: its new key is in oh-notes.key.new in WELLWORK_DATA_DIR.');
      }
      let resealed: number;
      try {
        resealed = await carryOutRotation(services.database, current, plan);
      } catch (error) {
        if (error instanceof UnknownNotesKey) {
          throw new InputError(
            `${error.message} If an earlier rotation was cut short, give the key it printed with --new-key.`,
          );
        }
        throw error;
      }
      say(
        `Re-sealed ${resealed} clinical ${resealed === 1 ? 'note' : 'notes'} with the new OH notes key (id ${plan.next.id}).`,
      );
      say(
        plan.kind === 'environment'
          ? 'Now set OH_NOTES_KEY to the new key and restart the server: until then the notes do not open.'
          : 'The new key is in oh-notes.key in WELLWORK_DATA_DIR. Restart the server for it to take the new key.',
      );
    });
  },

  async backup(args, config) {
    const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('Give one file to write the backup to');
    const { backupDatabase, SEALING_KEY_WARNING, sizeOf } = await import('../db/backup.ts');
    await backupDatabase(config.database, file);
    out(`Backed up the ${databaseName(config)} to ${file} (${await sizeOf(file)}).`);
    say(`Warning: ${SEALING_KEY_WARNING}`);
  },

  async restore(args, config) {
    const { values, positionals } = parseArgs({
      args,
      options: { force: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('Give one backup file to restore');
    const { restoreDatabase, RESTORE_KEY_WARNING } = await import('../db/backup.ts');
    const { keptAt } = await restoreDatabase(config.database, file, { force: values.force });
    // A backup of an earlier version is brought up to this one's migrations. No services are
    // built: they would make a new sealing key where the restored installation's is missing.
    const database = await openDatabase(config.database);
    try {
      await prepareDatabase(database);
    } finally {
      await database.close();
    }
    out(`Restored ${file} into the ${databaseName(config)}.`);
    if (keptAt) say(`The database it replaced is kept in ${keptAt}; delete it when you no longer need it.`);
    say(`Warning: ${RESTORE_KEY_WARNING}`);
  },

  async serve(_args, config) {
    // Loaded only to serve: the web app's modules take most of a second to load, which every
    // other command (an import, a report) would otherwise pay.
    const { startServer } = await import('../server.ts');
    await startServer(config);
  },
};

async function readInput(file: string): Promise<Buffer> {
  return readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot read the file (${error.code ?? error.message})`);
  });
}

function problemReport(fileName: string, problems: readonly CsvProblem[]): string {
  return [
    `${fileName}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.`,
    ...problems.map((p) => formatProblem(p, fileName)),
  ].join('\n');
}

function databaseName(config: Config): string {
  return config.database.kind === 'postgres'
    ? `PostgreSQL database ${new URL(config.database.url).pathname.slice(1)}`
    : `embedded database in ${config.database.dataDir ?? ':memory:'}`;
}

function optionName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace('target-days-per-fte', 'target-days');
}

export async function main(argv: string[]): Promise<number> {
  const [first, second, ...rest] = argv;
  if (!first || first === 'help' || first === '--help' || first === '-h') {
    out(USAGE);
    return first ? 0 : 2;
  }
  const two = `${first} ${second ?? ''}`;
  const command = commands[two] ?? commands[first];
  const args = commands[two] ? rest : argv.slice(1);
  if (!command) {
    say(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  try {
    const config = loadConfig();
    await command(args, config);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof InputError || error instanceof BackupError) {
      say(error.message);
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      say(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    say(`Unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split(path.sep).join('/'))) {
  process.exitCode = await main(process.argv.slice(2));
}
