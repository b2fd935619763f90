/**
 * What the benchmark records, and how it prints it: each measurement with its scale, its
 * target where the issue sets one, and whether it met it.
 */

export interface Target {
  /** The limit, in the measurement's unit. */
  limit: number;
  /** Where the limit comes from. */
  rule: string;
}

export interface Measurement {
  database: 'pglite' | 'postgres';
  /** "100,000 employees" or "1,000 employees". */
  scale: string;
  name: string;
  value: number | null;
  unit: 'ms' | 's' | 'req/s';
  /** Anything else worth keeping: percentiles, rows loaded, a failure. */
  details?: Record<string, unknown>;
  target?: Target;
  /** true met, false missed, null no target or not measured. */
  pass: boolean | null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

export function judge(value: number | null, target: Target | undefined): boolean | null {
  if (value === null || target === undefined || Number.isNaN(value)) return null;
  return value <= target.limit;
}

function formatValue(value: number | null, unit: Measurement['unit']): string {
  if (value === null || Number.isNaN(value)) return '—';
  if (unit === 's') return `${value.toFixed(1)} s`;
  if (unit === 'req/s') return `${value.toFixed(1)} req/s`;
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

/** The measurements as a plain-text table, one line each. */
export function table(measurements: readonly Measurement[]): string {
  const rows = [
    ['database', 'scale', 'measurement', 'result', 'target', 'met'],
    ...measurements.map((m) => [
      m.database,
      m.scale,
      m.name,
      formatValue(m.value, m.unit),
      m.target ? `≤ ${formatValue(m.target.limit, m.unit)}` : '',
      m.pass === null ? '' : m.pass ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
