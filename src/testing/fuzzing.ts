/**
 * Property-based fuzzing of every route (fast-check), shared by the src/web/fuzz-*.test.ts files,
 * each of which takes one share of the routes so that they run side by side.
 *
 * What is sent: as a person allowed to use the route (or with an API key holding every scope),
 * the route's own fields and query names (read from the service's pages, their forms and links,
 * and from the OpenAPI document, so a new route or field joins by itself), each kept as the page
 * gave it or replaced by long text, Unicode (right-to-left, emoji, NUL, lone surrogates),
 * numbers as text (negative, huge, NaN, 1e309), impossible dates (31 February, the years 0000
 * and 9999), lists, and, as JSON, numbers, booleans, null, arrays and objects.
 *
 * The rules checked on every case:
 * - no answer is a 5xx;
 * - a GET, and a request answered 4xx, changes no table's row count (all tables are counted in
 *   one statement after each case in which a transaction ended, as the database's snapshot shows:
 *   rows change only by one that ends, and after the other cases they are as last counted; see
 *   rowCounter. A few tables that a rejected request may rightly write are named in
 *   ROW_COUNT_EXCEPTIONS with the reason).
 *
 * WELLWORK_FUZZ_RUNS sets the cases per route (1,000 when CI=true, 50 otherwise), and
 * WELLWORK_FUZZ_SECONDS the time a test file's share of the routes may take (75 seconds when
 * CI=true, 45 otherwise): each route has 10 cases whatever the time, then an equal part of the
 * time left, and stops at that time or at its number of cases, whichever comes first;
 * WELLWORK_FUZZ_SEED the seed (fixed, so a failure repeats: the failure names it);
 * WELLWORK_FUZZ_ROUTE runs only the routes whose "METHOD /address" contains the text.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, type TestContext } from 'node:test';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import type { App, RegisteredRoute } from '../app.ts';
import { ROLES } from '../domain/roles.ts';
import { seedFromText } from '../domain/seeded-random.ts';
import type { Database } from '../db/database.ts';
import { accessFixture, fill } from './access-fixture.ts';
import { createTestAccount } from './factories.ts';
import { buildApp } from '../app.ts';
import { isStaticAsset } from '../logging.ts';
import { openTestServices } from './test-services.ts';
import { authenticatorCode, currentStep, rememberAuthenticator, signInCode } from './second-factor.ts';

const CI = process.env.CI === 'true';
export const FUZZ_RUNS = Number(process.env.WELLWORK_FUZZ_RUNS ?? (CI ? 1000 : 50));
/** The time one test file's share of the routes may take; each route gets its part of what is left. */
export const FUZZ_SECONDS = Number(process.env.WELLWORK_FUZZ_SECONDS ?? (CI ? 75 : 45));
export const FUZZ_SEED = Number(process.env.WELLWORK_FUZZ_SEED ?? 18);
const ONLY_ROUTE = process.env.WELLWORK_FUZZ_ROUTE;
/** Cases every route has, however long they take. */
const MIN_RUNS = 10;

/**
 * Tables a rejected request (or a page read) may rightly add rows to, and why. Every other
 * table's row count must stay as it was.
 */
export const ROW_COUNT_EXCEPTIONS: {
  /** The table, or the start of the names of several. */
  table: string;
  reason: string;
  allowed: (method: string, status: number) => boolean;
}[] = [
  {
    table: 'audit_events',
    reason: 'reading a record of health, or reading through the API, is audited',
    allowed: (method, status) => method === 'GET' && status < 400,
  },
  {
    table: 'absence_summary_',
    reason: 'the absence figures are brought up to date when they are read',
    allowed: (method) => method === 'GET',
  },
  {
    table: 'sign_in_throttle',
    reason: 'a failed sign-in is counted, to slow down guessing',
    allowed: (method, status) => method === 'POST' && status >= 400,
  },
];

// ---------------------------------------------------------------------------------------------
// Values

/** Text people may type, and text no one types, for any field. */
const UNICODE = fc.constantFrom(
  '\u0000',
  'Ann\u0000e',
  '\u202Eevil.exe\u202C',
  'مرحبا بالعالم',
  'שלום',
  '👩🏽‍⚕️🏳️‍🌈',
  '\uD800',
  '\uDFFF',
  'a\uD83Db',
  '\uFEFF',
  '\u200B',
  '\r\n\u3000',
  ' ',
  '',
  'Zoë Ñúñez',
  'İı',
  'ﬀ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{{ 7 * 7 }}',
  '%00',
  '%',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
);
const NUMBER_TEXT = fc.oneof(
  fc.constantFrom(
    '-1',
    '0',
    '-0',
    '2147483648',
    '-2147483649',
    '9007199254740993',
    '99999999999999999999999',
    '1e309',
    '-1e309',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x1F',
    '1_000',
    '1,000',
    '.5',
    '5.',
    '+1',
    '00001',
    '١٢٣',
    '１２',
    '1e-400',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
);
const IMPOSSIBLE_DATE = fc.oneof(
  fc.constantFrom(
    '2026-02-31',
    '2026-02-29',
    '2025-04-31',
    '0000-01-01',
    '0000-00-00',
    '9999-12-31',
    '10000-01-01',
    '-0001-01-01',
    '2026-13-01',
    '2026-00-10',
    '2026-1-1',
    '31/02/2026',
    '31 February 2026',
    '2026-02-31T25:61:61Z',
    '1970-01-01T00:00:00.000Z',
    '275760-09-14',
  ),
  fc
    .tuple(
      fc.integer({ min: 0, max: 99999 }),
      fc.integer({ min: -1, max: 13 }),
      fc.integer({ min: -1, max: 32 }),
    )
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    ),
);
const LONG_TEXT = fc.oneof(
  fc.constantFrom('x'.repeat(20_000), '👩🏽‍⚕️'.repeat(3_000), 'ب'.repeat(70_000)),
  fc.string({ minLength: 256, maxLength: 2_000 }),
);
/** Any bad text, as a field of a form or a query would carry it. */
const BAD_TEXT: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: UNICODE, weight: 3 },
  { arbitrary: NUMBER_TEXT, weight: 3 },
  { arbitrary: IMPOSSIBLE_DATE, weight: 2 },
  { arbitrary: LONG_TEXT, weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
);
/** The parts of a GOV.UK date input, leaning to 29, 30 and 31 February and the years 0000 and 9999. */
const DATE_PARTS: Record<string, fc.Arbitrary<string>> = {
  day: fc.oneof(fc.constantFrom('29', '30', '31', '0', '32', '-1', '1.5'), BAD_TEXT),
  month: fc.oneof(fc.constantFrom('2', '02', '4', '13', '0', '-1', 'February'), BAD_TEXT),
  year: fc.oneof(fc.constantFrom('0000', '0', '9999', '10000', '2025', '2026', '-1', '99'), BAD_TEXT),
};
const DATE_PART = /-(day|month|year)$/;
/** Wrong JSON types for a field. */
const BAD_JSON: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  BAD_TEXT,
  fc.array(BAD_TEXT, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('a', '__proto__', 'constructor', 'toString', '0'), BAD_TEXT, { maxKeys: 2 }),
  fc.jsonValue({ maxDepth: 2 }),
);
/** Names a form may be sent that no page shows: parser tricks and lists. */
const EXTRA_NAMES = fc.constantFrom(
  '__proto__',
  'constructor',
  'a[b]',
  'roles[]',
  'x[0]',
  'toString',
  '_csrf',
);

/** Ids for an address: too big for PostgreSQL, negative, not numbers. */
const BAD_ID = fc.oneof(
  fc.constantFrom('2147483648', '-1', '0', '1e309', 'zzz', '1.5', ' 1', '١', '99999999999999999999'),
  NUMBER_TEXT,
  BAD_TEXT,
);

type FieldValue = string | string[] | undefined;

/** A field kept as the page gave it (so others' checks are reached), bad, a list, or left out. */
function fieldValue(name: string, given: string): fc.Arbitrary<FieldValue> {
  const part = DATE_PART.exec(name)?.[1];
  const bad = (part && DATE_PARTS[part]) || BAD_TEXT;
  return fc.oneof(
    { arbitrary: fc.constant(given), weight: 3 },
    { arbitrary: bad, weight: 4 },
    { arbitrary: fc.array(bad, { minLength: 2, maxLength: 3 }), weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

function namedValue(name: string, given: string): fc.Arbitrary<[string, FieldValue]> {
  return fc.tuple(fc.constant(name), fieldValue(name, given));
}

/**
 * Text for a URL: percent-encoded, with a lone surrogate sent as the bytes it would be in
 * WTF-8 (what a careless client sends) rather than refused as encodeURIComponent would.
 */
export function encode(text: string): string {
  let out = '';
  let from = 0;
  // In a Unicode expression a surrogate matches only alone: a pair is one character.
  for (const lone of text.matchAll(/[\uD800-\uDFFF]/gu)) {
    const code = lone[0].charCodeAt(0);
    out +=
      encodeURIComponent(text.slice(from, lone.index)) +
      [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    from = lone.index + 1;
  }
  return out + encodeURIComponent(text.slice(from));
}

function encodeFields(fields: [string, FieldValue][]): string {
  return fields
    .flatMap(([name, value]) =>
      value === undefined ? [] : [value].flat().map((item) => `${encode(name)}=${encode(item)}`),
    )
    .join('&');
}

// ---------------------------------------------------------------------------------------------
// The service as people and API clients use it

interface Form {
  /** Each field with the value the page gave it (the first choice for radios and selects). */
  fields: Map<string, string>;
}

/** The forms of a page that send to the service, by the path they send to. */
function formsOf(html: string, pageUrl: string): { post: Map<string, Form>; queryNames: Set<string> } {
  const $ = cheerio.load(html);
  const post = new Map<string, Form>();
  const queryNames = new Set<string>();
  const pagePath = pageUrl.split('?')[0] ?? pageUrl;
  $('form').each((_, element) => {
    const form = $(element);
    const action = (form.attr('action') ?? pagePath).split('?')[0] || pagePath;
    const fields = new Map<string, string>();
    form.find('input[name], select[name], textarea[name]').each((_, input) => {
      const field = $(input);
      const name = field.attr('name') ?? '';
      if (!name || name === '_csrf' || fields.has(name)) return;
      const value =
        input.tagName === 'select'
          ? (field.find('option').first().attr('value') ?? '')
          : field.is('textarea')
            ? field.text()
            : (field.attr('value') ?? '');
      fields.set(name, value);
    });
    if ((form.attr('method') ?? 'get').toLowerCase() === 'post') post.set(action, { fields });
    else if (action === pagePath) for (const name of fields.keys()) queryNames.add(name);
  });
  $('a[href]').each((_, element) => {
    const href = $(element).attr('href') ?? '';
    const [path, query] = href.split('?');
    if (path === pagePath && query)
      for (const name of new URLSearchParams(query).keys()) queryNames.add(name);
  });
  return { post, queryNames };
}

/**
 * The app's log, read for two things: the error behind a 5xx, and the end of each request's
 * `onResponse` hooks (Fastify's "request completed" line comes after them). Those hooks write
 * the audit events of reads after the answer is sent, so rows are counted only once they end.
 */
class AppLog extends Writable {
  completed = 0;
  /** Requests sent through clients writing to this log, and those that left no line in it. */
  sent = 0;
  unsettled: string[] = [];
  lastError = '';
  private waiters: (() => void)[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      const entry = JSON.parse(line) as {
        msg?: string;
        level?: number;
        err?: { message?: string; stack?: string };
      };
      if (entry.msg === 'request completed') this.completed += 1;
      if ((entry.level ?? 0) >= 50)
        this.lastError = entry.err?.stack ?? entry.err?.message ?? entry.msg ?? line;
    }
    for (const wake of this.waiters.splice(0)) wake();
    done();
  }

  /** Until `count` requests have completed, or five seconds have passed (then false). */
  async settled(count: number): Promise<boolean> {
    const deadline = performance.now() + 5000;
    while (this.completed < count) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }
}

function isUtf8Path(url: string): boolean {
  try {
    decodeURIComponent(url.split('?')[0] ?? '');
    return true;
  } catch {
    return false;
  }
}

/** A person's cookies and form token, sending requests as they are. */
class Client {
  private cookies = new Map<string, string>();
  private token = '';
  constructor(
    private readonly app: App,
    private readonly log: AppLog,
  ) {}

  async send(options: { method: string; url: string; headers?: Record<string, string>; payload?: string }) {
    const response = await this.app.inject({
      method: options.method as 'GET',
      url: options.url,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(this.token ? { 'x-csrf-token': this.token } : {}),
        ...options.headers,
      },
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    });
    // Every request's work is done, audit events of reads included, before rows are counted.
    await this.app.requestsInFlight.settled();
    // Static assets are not logged, nor addresses the router refuses: a part too long (414), or
    // a path that is not UTF-8.
    if (!isStaticAsset({ url: options.url }) && response.statusCode !== 414 && isUtf8Path(options.url)) {
      this.log.sent += 1;
      if (!(await this.log.settled(this.log.sent))) {
        // No line came (a request Fastify refused before routing it): count from here on.
        this.log.unsettled.push(`${options.method} ${options.url.slice(0, 100)}`);
        this.log.sent = this.log.completed;
      }
    }
    for (const line of [response.headers['set-cookie'] ?? []].flat()) {
      const [name, ...value] = (line.split(';')[0] ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.token = token;
    return response;
  }

  async signIn(email: string, password: string) {
    await this.send({ method: 'GET', url: '/sign-in' });
    const response = await this.send({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: this.withToken([
        ['email', email],
        ['password', password],
        ['returnTo', '/'],
      ]),
    });
    assert.equal(response.statusCode, 302, 'signed in');
    let location = String(response.headers.location);
    // Holding every role, the account has a second factor: set up on its first sign-in, and its
    // code entered on every one after, through the service's own pages.
    if (location === '/sign-in/code') {
      await this.send({ method: 'GET', url: location });
      const second = await this.send({
        method: 'POST',
        url: location,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: this.withToken([['code', signInCode(email)]]),
      });
      assert.equal(second.statusCode, 303, 'the authenticator code was taken');
      location = String(second.headers.location);
    }
    if (location.startsWith('/account/authenticator')) {
      const page = await this.send({ method: 'GET', url: location });
      const secret = /id="secret"[^>]*>([^<]*)</.exec(page.body)?.[1]?.replace(/\s/g, '') ?? '';
      assert.ok(secret, 'the set-up page shows the key');
      const step = currentStep();
      const done = await this.send({
        method: 'POST',
        url: '/account/authenticator',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: this.withToken([['code', authenticatorCode(secret, { step })]]),
      });
      assert.equal(done.statusCode, 200, 'authenticator app set up');
      const recoveryCodes = [...done.body.matchAll(/<code[^>]*>([^<]+)<\/code>/g)].map((m) => m[1] ?? '');
      rememberAuthenticator(email, secret, recoveryCodes, step);
    }
  }

  /** A url-encoded form with the form token added. */
  withToken(fields: [string, FieldValue][]): string {
    return encodeFields([...fields, ['_csrf', this.token]]);
  }
}

// ---------------------------------------------------------------------------------------------
// Row counts

/** Every table's row count, and whether they were counted afresh for it. */
export interface RowCounts {
  counts: Map<string, number>;
  /** False when no transaction had ended since the last count, and its counts were given again. */
  counted: boolean;
}

/** Row counters made so far: each names its prepared statements after its number. */
let counters = 0;

/**
 * Every table's row count, counted in one statement, and counted again only when a transaction
 * has ended since the last count. Only a transaction given an id adds or removes rows (PostgreSQL
 * gives one when a transaction first writes or locks a row, and only then), and a snapshot shows
 * when one ends, committed or rolled back: its `xmax` is one past the newest id of those ended,
 * so it moves when one newer than all of them ends, and an older one is listed in the snapshot
 * as in progress until it ends. While the snapshot keeps its `xmax` and still lists every
 * transaction it listed, the rows are as they were counted. On PostgreSQL the ids are the
 * server's, shared by every database on it: other test files' transactions make the rows be
 * counted again, which is only slower.
 */
export async function rowCounter(database: Database): Promise<() => Promise<RowCounts>> {
  const query = driverQuery(database);
  const tables = (await query(
    `select schemaname, tablename from pg_tables
     where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2`,
  )) as { schemaname: string; tablename: string }[];
  assert.ok(tables.length > 20, `only ${tables.length} tables found to count`);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const names = tables.map((t) =>
    t.schemaname === 'public' ? t.tablename : `${t.schemaname}.${t.tablename}`,
  );
  // The snapshot is the statement's own, the one its counts see.
  const count = `select pg_current_snapshot()::text as snapshot, ${tables
    .map((t, i) => `(select count(*) from ${quote(t.schemaname)}.${quote(t.tablename)}) as c${i}`)
    .join(', ')}`;
  counters += 1;
  const countStatement = await query.prepare(`fuzzing_row_counts_${counters}`, count);
  const snapshotStatement = await query.prepare(
    `fuzzing_snapshot_${counters}`,
    'select pg_current_snapshot()::text as snapshot',
  );
  let last: { snapshot: Snapshot; counts: Map<string, number> } | null = null;
  return async () => {
    if (last) {
      const [now] = await snapshotStatement();
      if (!transactionEnded(last.snapshot, snapshotOf(now))) return { counts: last.counts, counted: false };
    }
    const [row = {}] = await countStatement();
    last = {
      snapshot: snapshotOf(row),
      counts: new Map(names.map((name, i) => [name, Number(row[`c${i}`])])),
    };
    return { counts: last.counts, counted: true };
  };
}

type Rows = Record<string, unknown>[];

/**
 * Statements sent by the database driver itself rather than the query builder, whose own work
 * would take longer than the statements that run after every case; and prepared once, so that
 * the count of every table is not planned again each time (half its time).
 */
function driverQuery(database: Database): {
  (text: string): Promise<Rows>;
  prepare(name: string, text: string): Promise<() => Promise<Rows>>;
} {
  const client = (database.system as unknown as { $client: unknown }).$client;
  if (database.kind === 'pglite') {
    // One session: a statement prepared is there for every later one. `exec` sends the simple
    // protocol's one message, where `query` sends five.
    const pglite = client as { exec(text: string): Promise<{ rows: Rows }[]> };
    const exec = async (text: string) => (await pglite.exec(text)).at(-1)?.rows ?? [];
    return Object.assign(exec, {
      prepare: async (name: string, text: string) => {
        await exec(`prepare ${name} as ${text}`);
        return () => exec(`execute ${name}`);
      },
    });
  }
  // A pool: node-postgres prepares a named statement on each connection the first time it is used there.
  const pool = client as { query(config: string | { name: string; text: string }): Promise<{ rows: Rows }> };
  return Object.assign(async (text: string) => (await pool.query(text)).rows, {
    prepare: (name: string, text: string) =>
      Promise.resolve(async () => (await pool.query({ name, text })).rows),
  });
}

/** A snapshot's `xmax` (one past the newest id of those ended), and the ids below it in progress. */
export interface Snapshot {
  xmax: bigint;
  inProgress: Set<bigint>;
}

/** PostgreSQL's `xmin:xmax:xip,…` (the ids are 64 bits: `pg_snapshot`, not `txid_snapshot`). */
function snapshotOf(row: Record<string, unknown> | undefined): Snapshot {
  const [, xmax, inProgress] = String(row?.snapshot).split(':');
  assert.ok(xmax, `no snapshot read: ${String(row?.snapshot)}`);
  return { xmax: BigInt(xmax), inProgress: new Set(inProgress ? inProgress.split(',').map(BigInt) : []) };
}

/** Whether a transaction has ended (committed or rolled back) between two snapshots. */
export function transactionEnded(before: Snapshot, now: Snapshot): boolean {
  return now.xmax !== before.xmax || [...before.inProgress].some((id) => !now.inProgress.has(id));
}

function changedTables(
  before: Map<string, number>,
  after: Map<string, number>,
  method: string,
  status: number,
): string[] {
  return [...after]
    .filter(
      ([name, count]) =>
        before.get(name) !== count &&
        !ROW_COUNT_EXCEPTIONS.some((e) => name.startsWith(e.table) && e.allowed(method, status)),
    )
    .map(([name, count]) => `${name} ${before.get(name)} → ${count}`);
}

// ---------------------------------------------------------------------------------------------
// The run

interface Case {
  params: Record<string, string>;
  query: [string, FieldValue][];
  body:
    | { kind: 'form'; fields: [string, FieldValue][] }
    | { kind: 'json'; value: unknown }
    | { kind: 'raw'; contentType: string; text: string }
    | { kind: 'none' };
}

function describeCase(route: RegisteredRoute, url: string, item: Case): string {
  const short = (text: string) =>
    (text.length > 300 ? `${text.slice(0, 297)}… (${text.length} characters)` : text).replace(/\0/g, '\\0');
  const body =
    item.body.kind === 'form'
      ? encodeFields(item.body.fields)
      : item.body.kind === 'json'
        ? JSON.stringify(item.body.value)
        : item.body.kind === 'raw'
          ? `${item.body.contentType}: ${item.body.text}`
          : '';
  return `${route.method} ${short(url)} ${short(body ?? '')}`;
}

/**
 * Fuzzes share `part` (from 0) of `parts` of the service's routes: every route whose place in
 * the list of routes, sorted, is `part` more than a multiple of `parts`.
 */
export async function fuzzRoutes(t: TestContext, part: number, parts: number): Promise<void> {
  const began = performance.now();
  const log = new AppLog();
  const services = await openTestServices({ LOG_LEVEL: 'info' });
  const app = await buildApp(services, { logStream: log });
  await app.ready();
  after(() => app.close());
  const own = await accessFixture(services, `Fuzzed Borough Council ${part}`);
  // Everyone may do everything here, and the records of the fixture are their own.
  await services.users.grant(own.owner.id, own.organisationId, [...ROLES]);
  // Changes to an account are tried on another's, so that the session lives on.
  const target = await createTestAccount(services, own.organisationId, ['employee']);
  const params: Record<string, string> = { ...own.params, userId: String(target.id) };

  const signedIn = new Client(app, log);
  await signedIn.signIn(own.owner.email, own.owner.password);
  const anonymous = new Client(app, log);
  const api = { authorization: `Bearer ${own.apiKey.all}` };
  const clientFor = (route: RegisteredRoute) => (route.access.kind === 'public' ? anonymous : signedIn);
  const headersFor = (route: RegisteredRoute): Record<string, string> =>
    route.access.kind === 'api' ? api : {};

  // Signing out (here or everywhere) would end the session; it has no input but the form token.
  const all = app.registeredRoutes
    .filter((r) => r.url !== '/sign-out' && r.url !== '/account/sign-out-everywhere')
    .sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
  const routes = all.filter(
    (_, i) => i % parts === part && (!ONLY_ROUTE || `${all[i]?.method} ${all[i]?.url}`.includes(ONLY_ROUTE)),
  );

  // First every page as it is, for the names of its query and of its forms' fields.
  const forms = new Map<string, Form>();
  const queryNames = new Map<string, Set<string>>();
  for (const route of all.filter((r) => r.method === 'GET' && r.access.kind !== 'api')) {
    const url = fill(route.url, params);
    const response = await clientFor(route).send({ method: 'GET', url, headers: headersFor(route) });
    if (!String(response.headers['content-type']).startsWith('text/html')) continue;
    const found = formsOf(response.body, url);
    for (const [action, form] of found.post) if (!forms.has(action)) forms.set(action, form);
    queryNames.set(route.url, found.queryNames);
  }
  const openApi = (await anonymous.send({ method: 'GET', url: '/api/openapi.json' })).json<{
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { name: string; in: string }[];
          requestBody?: { content?: Record<string, { schema?: unknown }> };
        }
      >
    >;
  }>();
  const apiBodies = new Map<string, Record<string, unknown>>();
  for (const [path, operations] of Object.entries(openApi.paths)) {
    const names = Object.values(operations).flatMap((o) => o.parameters ?? []);
    const route = path.replace(/\{(\w+)\}/g, ':$1');
    queryNames.set(route, new Set(names.filter((p) => p.in === 'query').map((p) => p.name)));
    for (const [method, operation] of Object.entries(operations)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (schema)
        apiBodies.set(
          `${method.toUpperCase()} ${route}`,
          exampleOf(schema, openApi) as Record<string, unknown>,
        );
    }
  }

  const counter = await rowCounter(services.database);
  let counts = (await counter()).counts;
  let cases = 0;
  let counted = 0;
  let countingMs = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();

  const runsOf: number[] = [];
  for (const [i, route] of routes.entries()) {
    const left = FUZZ_SECONDS * 1000 - (performance.now() - began);
    const timeLimit = left / (routes.length - i);
    await t.test(`${route.method} ${route.url}`, () => fuzzRoute(route, timeLimit));
  }
  async function fuzzRoute(route: RegisteredRoute, timeLimit: number) {
    // Each route's cases are measured from rows as they are now.
    await app.requestsInFlight.settled();
    counts = (await counter()).counts;
    const client = clientFor(route);
    const headers = headersFor(route);
    const address = fill(route.url, params);
    const isApi = route.access.kind === 'api';
    const pathNames = (route.url.match(/:\w+|\*/g) ?? []).map((n) => n.replace(/^:/, ''));
    const paramsArb = fc.record(
      Object.fromEntries(
        pathNames.map((name) => [
          name,
          fc.oneof(
            { arbitrary: fc.constant(params[name] ?? ''), weight: 6 },
            { arbitrary: /Id$/.test(name) ? BAD_ID : BAD_TEXT, weight: 1 },
          ),
        ]),
      ),
    ) as fc.Arbitrary<Record<string, string>>;
    const names = [
      ...(queryNames.get(route.url) ?? []),
      'page',
      'unit',
      'q',
      'month',
      'from',
      'to',
      'returnTo',
    ];
    const queryArb: fc.Arbitrary<[string, FieldValue][]> = fc
      .subarray([...new Set(names)])
      .chain((chosen) => fc.tuple(...chosen.map((name) => namedValue(name, ''))));

    let bodyArb: fc.Arbitrary<Case['body']>;
    if (route.method === 'GET' || route.method === 'DELETE') bodyArb = fc.constant({ kind: 'none' });
    else if (isApi) {
      const example = apiBodies.get(`${route.method} ${route.url}`) ?? {};
      bodyArb = fc.oneof(
        { arbitrary: jsonBody(example).map((value) => ({ kind: 'json' as const, value })), weight: 8 },
        { arbitrary: BAD_JSON.map((value) => ({ kind: 'json' as const, value })), weight: 1 },
        { arbitrary: rawBody(), weight: 1 },
      );
    } else {
      const form =
        forms.get(address)?.fields ??
        new Map([
          ['name', ''],
          ['status', ''],
          ['action', ''],
        ]);
      const fieldsArb: fc.Arbitrary<[string, FieldValue][]> = fc.tuple(
        ...[...form].map(([name, given]) => namedValue(name, given)),
      );
      const extras = fc.array(fc.tuple(EXTRA_NAMES, BAD_TEXT as fc.Arbitrary<FieldValue>), { maxLength: 2 });
      bodyArb = fc.oneof(
        {
          arbitrary: fc.tuple(fieldsArb, extras).map(([fields, extra]) => ({
            kind: 'form' as const,
            fields: [...fields, ...extra],
          })),
          weight: 12,
        },
        {
          arbitrary: fc
            .dictionary(fc.constantFrom(...form.keys(), 'name'), BAD_JSON, { maxKeys: 5 })
            .map((value) => ({ kind: 'json' as const, value })),
          weight: 1,
        },
        { arbitrary: rawBody(), weight: 1 },
      );
    }
    const caseArb: fc.Arbitrary<Case> = fc.record({ params: paramsArb, query: queryArb, body: bodyArb });

    const failures: string[] = [];
    let signInsLost = 0;
    async function fuzzCase(item: Case): Promise<boolean> {
      cases += 1;
      const query = encodeFields(item.query);
      const pathParams = Object.fromEntries(Object.entries(item.params).map(([k, v]) => [k, encode(v)]));
      const url = `${fill(route.url, { ...params, ...pathParams })}${query ? `?${query}` : ''}`;
      const body = item.body;
      const response = await client.send({
        method: route.method,
        url,
        headers: {
          ...headers,
          ...(body.kind === 'form'
            ? { 'content-type': 'application/x-www-form-urlencoded' }
            : body.kind === 'json'
              ? { 'content-type': 'application/json' }
              : body.kind === 'raw'
                ? { 'content-type': body.contentType }
                : {}),
        },
        ...(body.kind === 'form'
          ? { payload: client.withToken(body.fields) }
          : body.kind === 'json'
            ? { payload: JSON.stringify(body.value) }
            : body.kind === 'raw'
              ? { payload: body.text }
              : {}),
      });
      const status = response.statusCode;
      if (status >= 500) {
        failures.push(`${status} ${describeCase(route, url, item)}\n${log.lastError}`);
        return false;
      }
      const countStart = performance.now();
      const after = await counter();
      countingMs += performance.now() - countStart;
      if (after.counted) counted += 1;
      if (route.method === 'GET' || (status >= 400 && status < 500)) {
        const changed = changedTables(counts, after.counts, route.method, status);
        if (changed.length > 0) {
          failures.push(`${status} ${describeCase(route, url, item)} wrote rows: ${changed.join(', ')}`);
          counts = after.counts;
          return false;
        }
      }
      counts = after.counts;
      // A valid change may end the session (for example a new password): sign in again.
      if (
        client === signedIn &&
        status === 302 &&
        String(response.headers.location ?? '').startsWith('/sign-in')
      ) {
        signInsLost += 1;
        await signedIn.signIn(own.owner.email, own.owner.password);
      }
      return true;
    }
    // A case cut short by the time limit goes on after fast-check has stopped waiting for it: it
    // is awaited before the next route begins, lest its writes be counted as the next route's.
    let lastCase = Promise.resolve(true);
    const property = fc.asyncProperty(caseArb, (item) => (lastCase = fuzzCase(item)));
    // First MIN_RUNS cases whatever the time, then more until the route's time is up.
    const routeStarted = performance.now();
    const base = (FUZZ_SEED + seedFromText(`${route.method} ${route.url}`)) | 0;
    let runs = 0;
    for (const [phase, numRuns] of [Math.min(MIN_RUNS, FUZZ_RUNS), FUZZ_RUNS - MIN_RUNS].entries()) {
      const limit = timeLimit - (performance.now() - routeStarted);
      if (numRuns <= 0 || (phase > 0 && limit <= 0)) continue;
      const details = await fc.check(property, {
        numRuns,
        seed: base + phase,
        endOnFailure: true,
        ...(phase > 0 ? { interruptAfterTimeLimit: limit, markInterruptAsFailure: false } : {}),
      });
      runs += details.numRuns;
      // Stopped by the time limit before a first case ends is no failure (fast-check counts it one).
      if (details.failed && details.counterexample !== null) {
        assert.fail(
          `${route.method} ${route.url} failed after ${runs} cases ` +
            `(WELLWORK_FUZZ_SEED=${FUZZ_SEED} WELLWORK_FUZZ_ROUTE='${route.method} ${route.url}' repeats it; ` +
            `fast-check seed ${details.seed}, path ${details.counterexamplePath}):\n${failures.join('\n')}` +
            (details.errorInstance instanceof Error ? `\n${details.errorInstance.message}` : ''),
        );
      }
    }
    if (!(await lastCase))
      assert.fail(
        `${route.method} ${route.url} failed in a case cut short by its time limit:\n${failures.join('\n')}`,
      );
    runsOf.push(runs);
    // Most cases must reach the route rather than the sign-in page.
    assert.ok(signInsLost <= runs / 2, `${route.method} ${route.url}: ${signInsLost} cases lost the session`);
  }

  // The person still signed in shows the fuzzing reached the pages rather than the sign-in page.
  assert.equal((await signedIn.send({ method: 'GET', url: '/' })).statusCode, 200);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  t.diagnostic(
    `${routes.length} routes, ${cases} cases (${counted} row counts) in ${seconds.toFixed(1)} s: ` +
      `${(cases / seconds).toFixed(0)} cases a second (${cpuSeconds.toFixed(1)} s of this process's processor time, ${(cases / cpuSeconds).toFixed(0)} cases a processor-second); counting rows took ${(countingMs / 1000).toFixed(1)} s; ` +
      `${log.unsettled.length} requests with no line in the log ${log.unsettled.slice(0, 3).join(', ')}`,
  );
  runsOf.sort((a, b) => a - b);
  if (runsOf.length > 0)
    t.diagnostic(
      `cases per route: fewest ${runsOf[0]}, median ${runsOf[Math.floor(runsOf.length / 2)]}, most ${runsOf.at(-1)} ` +
        `(at most ${FUZZ_RUNS}, in ${FUZZ_SECONDS} s)`,
    );
  assert.ok(routes.length > 0 || ONLY_ROUTE, 'no routes to fuzz');
}

/** A body of the wrong kind for its content type, or not what it says it is. */
function rawBody(): fc.Arbitrary<Case['body']> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('raw' as const),
      contentType: fc.constantFrom(
        'application/x-www-form-urlencoded',
        'application/json',
        'multipart/form-data; boundary=x',
        'multipart/form-data',
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded; charset=latin1',
      ),
      text: fc.oneof(
        fc.constantFrom(
          '%',
          '%E0%A4%A',
          'a=%FF%FE',
          '{"a":',
          '[1,2',
          'a[b][c][d][e][f][g]=1',
          '--x\r\n\r\n',
          '\u0000',
        ),
        fc.string({ unit: 'binary', maxLength: 50 }),
      ),
    }),
  );
}

/** A JSON body like the API's example, with each field kept, of a wrong type, or left out. */
function jsonBody(example: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(example)) {
    return fc.oneof(
      { arbitrary: fc.array(jsonBody(example[0]), { maxLength: 3 }), weight: 4 },
      { arbitrary: BAD_JSON, weight: 1 },
    );
  }
  if (example !== null && typeof example === 'object') {
    const entries = Object.entries(example);
    return fc.oneof(
      {
        arbitrary: fc.record(Object.fromEntries(entries.map(([k, v]) => [k, jsonBody(v)])), {
          requiredKeys: entries.slice(0, Math.ceil(entries.length / 2)).map(([k]) => k),
        }),
        weight: 6,
      },
      { arbitrary: BAD_JSON, weight: 1 },
    );
  }
  return fc.oneof({ arbitrary: fc.constant(example), weight: 3 }, { arbitrary: BAD_JSON, weight: 2 });
}

/** A valid-looking example of an OpenAPI schema, for a body that reaches past its first check. */
function exampleOf(schema: unknown, document: unknown, depth = 0): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  if (depth > 6) return null;
  if (typeof s.$ref === 'string') {
    const target = s.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    return exampleOf(target, document, depth + 1);
  }
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.enum)) return s.enum[0];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = s[key];
    if (Array.isArray(options)) return exampleOf(options[0], document, depth + 1);
  }
  const type: unknown = Array.isArray(s.type) ? (s.type as unknown[])[0] : s.type;
  switch (type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, exampleOf(value, document, depth + 1)]),
      );
    }
    case 'array':
      return [exampleOf(s.items, document, depth + 1)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return s.format === 'date' ? '2025-04-01' : s.format === 'email' ? 'someone@test.example' : 'Text';
    default:
      return null;
  }
}
