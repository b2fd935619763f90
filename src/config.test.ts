import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.ts';

const postgres = { DATABASE_URL: 'postgres://wellwork@db.example:5432/wellwork' };

test('config: the demo loads by default on the embedded database only', () => {
  assert.equal(loadConfig({}).loadDemoOnFirstStart, true);
  assert.equal(loadConfig({ WELLWORK_DEMO: '' }).loadDemoOnFirstStart, true);
  assert.equal(loadConfig({ WELLWORK_DEMO: 'false' }).loadDemoOnFirstStart, false);
});

test('config: on a PostgreSQL server the demo loads only when WELLWORK_DEMO=true says so', () => {
  assert.equal(loadConfig(postgres).loadDemoOnFirstStart, false);
  assert.equal(loadConfig({ ...postgres, WELLWORK_DEMO: '' }).loadDemoOnFirstStart, false);
  assert.equal(loadConfig({ ...postgres, WELLWORK_DEMO: 'false' }).loadDemoOnFirstStart, false);
  assert.equal(loadConfig({ ...postgres, WELLWORK_DEMO: 'true' }).loadDemoOnFirstStart, true);
});

test('config: an https:// PUBLIC_URL marks cookies Secure', () => {
  assert.equal(loadConfig({}).secureCookies, false);
  assert.equal(loadConfig({ PUBLIC_URL: 'http://wellwork.example' }).secureCookies, false);
  assert.equal(loadConfig({ PUBLIC_URL: 'https://wellwork.example/' }).secureCookies, true);
  assert.equal(loadConfig({ PUBLIC_URL: 'https://wellwork.example/' }).publicUrl, 'https://wellwork.example');
});
