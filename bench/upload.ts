/**
 * `npx tsx bench/upload.ts`: how an upload at the row limit weighs on the service. Serves
 * Wellwork with `bin/wellwork serve` in a process of its own, signs in as HR, and previews and
 * then confirms a people file of as many rows as an upload may have, while asking `/health`
 * every 20 ms from this process; then sends a file of the length that once held the service
 * (288,467 rows, 19 MB) to see it refused. Records the server's memory (resident set, read from
 * /proc) before, at its highest and after. Prints a Markdown table (docs/performance.md,
 * "Uploads").
 *
 *   npx tsx bench/upload.ts [--databases pglite,postgres] [--rows 50000]
 *
 * PostgreSQL: a database `wellwork_bench_upload` is created (dropped first if it exists) on the
 * server of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and dropped
 * at the end. PGlite: a data directory in a temporary directory.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { buildServices } from '../src/services.ts';
import { createTestAccount } from '../src/testing/factories.ts';
import { UPLOAD_ROW_LIMIT } from '../src/web/uploads.ts';
import { onServer, startServer } from './server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DATABASE = 'wellwork_bench_upload';
const SLUG = 'bench-upload';
const HEALTH_EVERY_MS = 20;

type Kind = 'pglite' | 'postgres';

const say = (text: string) => process.stderr.write(`${text}\n`);

function wellwork(env: NodeJS.ProcessEnv, args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(
      path.join(root, 'bin/wellwork'),
      args,
      { env: { ...process.env, LOG_LEVEL: 'warn', WELLWORK_DEMO: 'false', ...env } },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`bin/wellwork ${args.join(' ')}: ${stderr}`)) : resolve(),
    ),
  );
}

/** A people file of `count` people across a directorate's teams, a manager for every twenty. */
function peopleFile(count: number): Buffer {
  const lines = [
    'employee_number,first_name,last_name,unit,start_date,weekly_hours,email,job_title,staff_group,manager_employee_number,annual_salary',
  ];
  for (let i = 1; i <= count; i++) {
    const manager = i % 20 === 1 ? '' : `B${i - ((i - 1) % 20)}`;
    lines.push(
      `B${i},Morwenna,Tregarthen-${i},Adult Social Care > Home Care > Team ${i % 200},2019-04-01,37.5,m${i}@example.org,Care Worker,Social Care,${manager},24500.00`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** A people file of only the required columns, as short as such a file can sensibly be. */
function slimPeopleFile(count: number): Buffer {
  const lines = ['employee_number,first_name,last_name,unit,start_date,weekly_hours'];
  for (let i = 1; i <= count; i++) lines.push(`C${i},Ann,Lee-${i},Place > Team ${i % 200},2019-04-01,37.5`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** The resident set of a process and its highest so far, in MB. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

class Browser {
  private jar = new Map<string, string>();
  constructor(readonly base: string) {}

  cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async send(url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
    const response = await fetch(this.base + url, {
      redirect: 'manual',
      ...init,
      headers: { cookie: this.cookie(), ...(init.headers as Record<string, string>) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
    return { status: response.status, body: await response.text() };
  }

  async csrf(url: string): Promise<string> {
    const page = await this.send(url);
    return /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  }

  async signIn(email: string, password: string) {
    const _csrf = await this.csrf('/sign-in');
    const response = await this.send('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, returnTo: '/', _csrf }).toString(),
    });
    if (response.status !== 302) throw new Error(`Sign-in failed: ${response.status}`);
  }

  async upload(url: string, fileName: string, content: Buffer) {
    const _csrf = await this.csrf(url);
    const boundary = `----wellworkbench${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${_csrf}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
  }
}

interface Watch {
  stop(): Promise<{ healthMs: number[]; peakMb: number }>;
}

/** Asks /health every 20 ms, one request at a time, and samples the server's memory meanwhile. */
function watch(base: string, pid: number): Watch {
  let running = true;
  const healthMs: number[] = [];
  let peakMb = 0;
  const health = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${base}/health`);
      await response.text();
      healthMs.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
    }
  })();
  const memory = (async () => {
    while (running) {
      peakMb = Math.max(peakMb, (await memoryOf(pid)).rss);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await Promise.all([health, memory]);
      return { healthMs, peakMb };
    },
  };
}

const round = (n: number) => Math.round(n);
const p = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
};

interface Row {
  database: Kind;
  step: string;
  seconds: number;
  status: number;
  healthMax: number;
  healthP95: number;
  healthCount: number;
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
}

async function measure(
  kind: Kind,
  base: string,
  pid: number,
  step: string,
  work: () => Promise<{ status: number }>,
): Promise<Row> {
  const before = (await memoryOf(pid)).rss;
  const watching = watch(base, pid);
  const started = performance.now();
  const { status } = await work();
  const seconds = (performance.now() - started) / 1000;
  const { healthMs, peakMb } = await watching.stop();
  const after = (await memoryOf(pid)).rss;
  const row: Row = {
    database: kind,
    step,
    seconds,
    status,
    healthMax: Math.max(...healthMs),
    healthP95: p(healthMs, 0.95),
    healthCount: healthMs.length,
    rssBefore: before,
    rssPeak: Math.max(peakMb, after),
    rssAfter: after,
  };
  say(`  ${kind} ${step}: ${JSON.stringify(row)}`);
  return row;
}

async function benchDatabase(kind: Kind, rows: number, workDir: string): Promise<Row[]> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const secret = randomBytes(32).toString('hex');
  let env: NodeJS.ProcessEnv;
  if (kind === 'postgres') {
    await onServer(adminUrl, `DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await onServer(adminUrl, `CREATE DATABASE ${BENCH_DATABASE}`);
    const url = new URL(adminUrl);
    url.pathname = `/${BENCH_DATABASE}`;
    env = { DATABASE_URL: url.toString() };
  } else {
    env = { DATABASE_URL: '', WELLWORK_DATA_DIR: path.join(workDir, 'pglite') };
  }
  env = { ...env, SESSION_SECRET: secret };
  try {
    await wellwork(env, ['db', 'migrate']);
    await wellwork(env, ['org', 'create', '--slug', SLUG, '--name', 'Bench Upload Council']);
    const config = loadConfig({ ...process.env, ...env, LOG_LEVEL: 'silent', WELLWORK_DEMO: 'false' });
    const services = buildServices(await openDatabase(config.database), config);
    const organisation = await services.organisations.findBySlug(SLUG);
    if (!organisation) throw new Error('The organisation was not created');
    const hr = await createTestAccount(services, organisation.id, ['hr']);
    await services.database.close();

    const { base, pid, stop } = await startServer(env);
    try {
      const browser = new Browser(base);
      await browser.signIn(hr.email, hr.password);
      const url = `/o/${SLUG}/people-import`;
      // Warm up the page, its templates and the sign-in.
      await browser.upload(url, 'one.csv', peopleFile(1));

      const results: Row[] = [];
      const file = peopleFile(rows);
      let pendingId = '';
      results.push(
        await measure(kind, base, pid, `preview of ${rows.toLocaleString('en-GB')} people`, async () => {
          const response = await browser.upload(url, 'people.csv', file);
          pendingId = /name="pendingId" value="(\d+)"/.exec(response.body)?.[1] ?? '';
          if (response.status !== 200 || !pendingId) throw new Error(`Preview failed: ${response.status}`);
          return response;
        }),
      );
      results.push(
        await measure(
          kind,
          base,
          pid,
          `confirm: ${rows.toLocaleString('en-GB')} people imported`,
          async () => {
            const _csrf = await browser.csrf(url);
            return browser.send(`${url}/confirm`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ pendingId, _csrf }).toString(),
            });
          },
        ),
      );
      const huge = slimPeopleFile(288_467);
      results.push(
        await measure(
          kind,
          base,
          pid,
          `288,467 people (${(huge.length / 2 ** 20).toFixed(0)} MB): refused`,
          async () => browser.upload(url, 'everyone.csv', huge),
        ),
      );
      return results;
    } finally {
      await stop();
    }
  } finally {
    if (kind === 'postgres')
      await onServer(adminUrl, `DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      databases: { type: 'string', default: 'pglite,postgres' },
      rows: { type: 'string', default: String(UPLOAD_ROW_LIMIT) },
    },
    strict: true,
  });
  const rows = Number(values.rows);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'wellwork-bench-upload-'));
  const results: Row[] = [];
  try {
    for (const kind of (values.databases ?? '').split(',') as Kind[]) {
      say(`${kind}:`);
      results.push(...(await benchDatabase(kind, rows, workDir)));
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}.`,
    '',
    '| Database | Upload | Took | /health slowest | /health p95 | Server memory before → highest → after |',
    '|---|---|--:|--:|--:|--:|',
    ...results.map(
      (r) =>
        `| ${r.database === 'pglite' ? 'PGlite' : 'PostgreSQL'} | ${r.step} | ${r.seconds.toFixed(1)} s | ${round(r.healthMax)} ms | ${round(r.healthP95)} ms | ${round(r.rssBefore)} → ${round(r.rssPeak)} → ${round(r.rssAfter)} MB |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
