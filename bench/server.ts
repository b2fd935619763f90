/**
 * The web server as the benchmarks run it: `bin/wellwork serve` in a process of its own, on a
 * free port, with the settings given.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Starts `bin/wellwork serve` on a free port and waits until it answers. */
export async function startServer(
  env: NodeJS.ProcessEnv,
): Promise<{ base: string; pid: number; stop: () => Promise<void> }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(path.join(root, 'bin/wellwork'), ['serve'], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      WELLWORK_DEMO: 'false',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bin/wellwork serve stopped (${child.exitCode})`);
    const ready = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { base, pid: child.pid ?? 0, stop };
    if (Date.now() - started > 120_000) {
      await stop();
      throw new Error('bin/wellwork serve did not answer within 2 minutes');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs one statement on the PostgreSQL server at `adminUrl`, such as creating a database. */
export async function onServer(adminUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
