/**
 * The headers that keep a page safe in the browser (ASVS V3, docs/security.md): scripts, styles
 * and forms only from the service itself, no framing, no guessing of content types, no referrer
 * sent elsewhere, and, behind HTTPS, Strict-Transport-Security and Secure cookies.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openTestApp } from '../testing/test-services.ts';

function directives(header: unknown): Map<string, string> {
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

test('every page is served with a strict content security policy and the other safety headers', async () => {
  const { app } = await openTestApp();
  const response = await app.inject({ method: 'GET', url: '/sign-in' });
  assert.equal(response.statusCode, 200);
  const csp = directives(response.headers['content-security-policy']);
  assert.equal(csp.get('default-src'), "'self'");
  assert.match(csp.get('script-src') ?? '', /^'self'( 'nonce-[^']+')?$/);
  assert.doesNotMatch(csp.get('script-src') ?? '', /unsafe/);
  assert.match(csp.get('style-src') ?? '', /^'self'( 'nonce-[^']+')?$/);
  assert.equal(csp.get('form-action'), "'self'");
  assert.equal(csp.get('frame-ancestors'), "'none'");
  assert.equal(csp.get('object-src'), "'none'");
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
  assert.equal(response.headers['referrer-policy'], 'no-referrer');
  assert.equal(response.headers['strict-transport-security'], undefined, 'not over plain HTTP');
});

test('behind HTTPS, browsers are told to keep to it', async () => {
  const { app } = await openTestApp({ PUBLIC_URL: 'https://wellwork.example' });
  const response = await app.inject({ method: 'GET', url: '/sign-in' });
  assert.match(String(response.headers['strict-transport-security']), /max-age=\d{7,}/);
});
