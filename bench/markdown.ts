/**
 * Prints bench/results.json as Markdown tables, for docs/performance.md:
 *
 *   npx tsx bench/markdown.ts [bench/results.json] > tables.md
 *
 * One table of every measurement with PostgreSQL and PGlite side by side (and how many times
 * slower PGlite was: the target is within 5×), then the query plans.
 */
import { readFile } from 'node:fs/promises';
import type { Plan } from './explain.ts';
import type { Measurement } from './measure.ts';

interface Results {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; platform: string };
  node: string;
  postgres: string | null;
  runs: {
    database: 'pglite' | 'postgres';
    status: string;
    loadAverage?: { start: number[]; end: number[] };
    minutes?: number;
    measurements: Measurement[];
    plans: Plan[];
  }[];
}

function value(m: Measurement | undefined): string {
  if (!m || m.value === null) return '—';
  const v = m.value;
  if (m.unit === 's') return `${v.toFixed(1)} s`;
  if (m.unit === 'req/s') return `${v.toFixed(1)}/s`;
  return v >= 100 ? `${Math.round(v).toLocaleString('en-GB')} ms` : `${v.toFixed(1)} ms`;
}

function verdict(m: Measurement | undefined): string {
  if (!m?.target || m.pass === null) return '';
  const limit = m.unit === 's' ? `${m.target.limit.toFixed(0)} s` : `${Math.round(m.target.limit)} ms`;
  return `${m.pass ? 'met' : '**missed**'} (≤ ${limit})`;
}

/** Row-level security's long condition, shortened so that plans can be read. */
const shorten = (plan: string) =>
  plan.replace(
    /\(organisation_id = ANY \(COALESCE\(\(string_to_array\(NULLIF\(current_setting\('wellwork\.organisations'::text, true\), ''::text\), ','::text\)\)::integer\[\], '\{\}'::integer\[\]\)\)\)/g,
    '(organisation_id = ANY (‹acting for›))',
  );

async function main() {
  const file = process.argv[2] ?? 'bench/results.json';
  const results = JSON.parse(await readFile(file, 'utf8')) as Results;
  const postgres = results.runs.find((r) => r.database === 'postgres');
  const pglite = results.runs.find((r) => r.database === 'pglite');
  const out: string[] = [];
  out.push(
    `Measured ${results.date.slice(0, 10)} on ${results.machine.cpus} × ${results.machine.cpuModel}, ` +
      `${results.machine.memoryGb} GB, ${results.machine.platform}; Node ${results.node}; PostgreSQL ${results.postgres ?? '—'}.`,
    '',
  );
  for (const run of results.runs) {
    const load = run.loadAverage
      ? `load average ${run.loadAverage.start.map((n) => n.toFixed(1)).join(' ')} at the start, ${run.loadAverage.end.map((n) => n.toFixed(1)).join(' ')} at the end`
      : '';
    out.push(
      `- ${run.database}: ${run.status}${run.minutes ? `, ${run.minutes.toFixed(0)} minutes` : ''}; ${load}`,
    );
  }
  out.push(
    '',
    '| scale | measurement | PostgreSQL | target | PGlite | PGlite ÷ PostgreSQL |',
    '|---|---|---|---|---|---|',
  );
  const rows = (postgres ?? pglite)?.measurements ?? [];
  for (const m of rows) {
    const twin = (r: typeof postgres) =>
      r?.measurements.find((x) => x.name === m.name && x.scale === m.scale);
    const pg = twin(postgres);
    const lite = twin(pglite);
    const ratio =
      pg?.value && lite?.value !== null && lite?.value !== undefined && m.unit !== 'req/s'
        ? lite.value / pg.value
        : null;
    const liteVerdict = ratio === null ? '' : `${ratio.toFixed(1)}×${ratio > 5 ? ' **over 5×**' : ''}`;
    out.push(`| ${m.scale} | ${m.name} | ${value(pg)} | ${verdict(pg)} | ${value(lite)} | ${liteVerdict} |`);
  }
  for (const run of results.runs) {
    if (run.plans.length === 0) continue;
    out.push('', `## Plans on ${run.database}`, '');
    for (const plan of run.plans) {
      out.push(
        `### ${plan.section}: ${plan.executionMs === null ? 'not replayed' : `${plan.executionMs} ms`}`,
        '',
      );
      out.push('```sql', plan.statement.trim(), '```', '', '```', shorten(plan.plan), '```', '');
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

await main();
