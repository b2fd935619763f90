/**
 * The server's log: readable lines on a terminal, one JSON object a line anywhere else, and the
 * static assets every page pulls in left out at `info`.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import { buildApp } from './app.ts';
import { loggerOptions } from './logging.ts';
import { openTestServices } from './testing/test-services.ts';

function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return { stream, lines };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function loggerFor(options: ReturnType<typeof loggerOptions>): pino.Logger {
  const { stream, ...rest } = options as pino.LoggerOptions & { stream: pino.DestinationStream };
  return pino(rest, stream);
}

test('on a terminal the log is readable lines, not JSON', async () => {
  const { stream, lines } = capture();
  const logger = loggerFor(loggerOptions('info', stream, true));
  logger.info({ req: { method: 'GET', url: '/o/merrowby/people' } }, 'incoming request');
  await settle();
  assert.equal(lines.length, 1);
  const line = lines[0] ?? '';
  assert.throws(() => JSON.parse(line) as unknown);
  assert.match(line, /INFO/);
  assert.match(line, /GET \/o\/merrowby\/people incoming request/);
});

test('elsewhere the log is one JSON object a line', async () => {
  const { stream, lines } = capture();
  const logger = loggerFor(loggerOptions('info', stream, false));
  logger.info({ req: { method: 'GET', url: '/health' } }, 'incoming request');
  await settle();
  assert.equal(lines.length, 1);
  const logged = JSON.parse(lines[0] ?? '') as { msg: string; level: number };
  assert.equal(logged.msg, 'incoming request');
  assert.equal(logged.level, 30);
});

test('whether the stream is a terminal decides, when not said', () => {
  const plain = new PassThrough();
  assert.equal((loggerOptions('info', plain) as { stream: unknown }).stream, plain);
  const terminal = Object.assign(new PassThrough(), { isTTY: true });
  assert.notEqual((loggerOptions('info', terminal) as { stream: unknown }).stream, terminal);
});

test('at info the log leaves out static assets and keeps pages; at debug it has both', async () => {
  const services = await openTestServices();
  for (const level of ['info', 'debug'] as const) {
    const { stream, lines } = capture();
    const app = await buildApp(
      { ...services, config: { ...services.config, logLevel: level } },
      { logStream: stream },
    );
    await app.ready();
    try {
      const asset = await app.inject({ method: 'GET', url: '/assets/stylesheets/application.css' });
      assert.equal(asset.statusCode, 200);
      await app.inject({ method: 'GET', url: '/sign-in' });
      await settle();
      const urls = lines.map((l) => (JSON.parse(l) as { req?: { url?: string } }).req?.url);
      assert.ok(urls.includes('/sign-in'), `${level}: the page is logged`);
      assert.equal(urls.includes('/assets/stylesheets/application.css'), level === 'debug', level);
    } finally {
      await app.close();
    }
  }
});
