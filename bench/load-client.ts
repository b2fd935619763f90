/**
 * Puts a page under load with autocannon, in a process of its own so that the load does not
 * share the server's event loop. Reads its settings as JSON from the first argument and
 * prints the result as JSON: latency percentiles of every response, requests per second and
 * anything other than a 200.
 */
import autocannon from 'autocannon';

export interface LoadSettings {
  url: string;
  cookie: string;
  connections: number;
  seconds: number;
  /** A number of requests to make instead, however long they take (for slow pages). */
  amount?: number;
  timeoutSeconds: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non200: number;
  errors: number;
  timeouts: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function main() {
  const settings = JSON.parse(process.argv[2] ?? '{}') as LoadSettings;
  const latencies: number[] = [];
  let non200 = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: settings.url,
        connections: settings.connections,
        ...(settings.amount ? { amount: settings.amount } : { duration: settings.seconds }),
        timeout: settings.timeoutSeconds,
        headers: { cookie: settings.cookie },
      },
      (error: Error | null, finished: autocannon.Result) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode !== 200) non200 += 1;
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const out: LoadResult = {
    requests: latencies.length,
    requestsPerSecond: latencies.length / (settings.amount ? elapsed : Math.max(elapsed, settings.seconds)),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    non200,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
