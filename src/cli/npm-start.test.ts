/**
 * The README's first command: `npm start` on an empty embedded database loads the demo, prints
 * the demo sign-ins and serves the app.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const dataDir = await mkdtemp(path.join(tmpdir(), 'wellwork-start-'));
after(() => rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));

test('npm start serves the demo on the embedded database, says it is a demonstration and prints the demo sign-ins', async () => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      WELLWORK_DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const started = Date.now();
    while (!output.includes('Demo sign-ins:') && Date.now() - started < 240_000 && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(output, new RegExp(`Wellwork is running at http://localhost:${port}`), output);
    assert.match(output, /hr@merrowby\.example\s+\S+\s+employee, hr \(merrowby-council\)/);
    assert.match(
      output,
      /This is a demonstration: the accounts below are published; do not enter real data\./,
    );
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(health.status, 200);
    const signIn = await fetch(`http://127.0.0.1:${port}/sign-in`);
    assert.equal(signIn.status, 200);
    const signInPage = await signIn.text();
    assert.match(signInPage, /Sign in/);
    assert.match(signInPage, /This is a demonstration/);
  } finally {
    // The server is stopped and gone before its data directory is removed.
    if (child.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
  }
});
