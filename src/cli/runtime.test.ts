/**
 * The runtime Wellwork supports (docs/decisions/0011-node-24-supplied-by-npm.md): the suite
 * runs on a Node.js that package.json's engines allows, npm installs Node.js 24 beside
 * Wellwork, and `bin/wellwork`, which operators call directly, runs on that Node.js rather than
 * on whichever `node` comes first on PATH.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const npmNode = path.join(root, 'node_modules/.bin/node');
const noNodeFromNpm = existsSync(npmNode) ? false : 'npm installs no Node.js for this platform';

const major = (version: string) => Number(/^v?(\d+)\./.exec(version)?.[1]);

test('the suite runs on a Node.js that package.json allows, 24 or later', async () => {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    engines: { node: string };
  };
  const lowest = /^>=\s*(\d+)$/.exec(manifest.engines.node)?.[1];
  assert.equal(lowest, '24', `engines.node is ${manifest.engines.node}`);
  assert.ok(major(process.version) >= 24, `the tests run on Node.js ${process.version}`);
});

test('npm installs Node.js 24 beside Wellwork', { skip: noNodeFromNpm }, async () => {
  const { stdout } = await run(npmNode, ['--version']);
  assert.equal(major(stdout.trim()), 24, stdout);
});

test(
  'bin/wellwork runs on the Node.js npm installed, not on the node first on PATH',
  { skip: noNodeFromNpm },
  async () => {
    // A `node` first on PATH that fails loudly: bin/wellwork works only if it does not use it.
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'wellwork-runtime-'));
    after(() => rm(elsewhere, { recursive: true, force: true }));
    const impostor = path.join(elsewhere, 'node');
    await writeFile(impostor, '#!/bin/sh\necho "the node on PATH ran" >&2\nexit 97\n');
    await chmod(impostor, 0o755);
    const env = { ...process.env, PATH: `${elsewhere}:/usr/local/bin:/usr/bin:/bin` };

    const { stdout } = await run(path.join(root, 'bin/wellwork'), ['help'], { env, cwd: elsewhere });
    assert.match(stdout, /^Usage: bin\/wellwork COMMAND/);

    // And the impostor is really first on that PATH: a bare `node` runs it and fails.
    await assert.rejects(
      run('sh', ['-c', 'node --version'], { env }),
      (error: { code?: number }) => error.code === 97,
    );
  },
);
