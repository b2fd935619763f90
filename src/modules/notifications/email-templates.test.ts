/**
 * Every email comes in two parts from one pair of templates, and every HTML part is built on the
 * one layout (its language, its heading, the organisation at the foot), escaping what it is given.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderEmail } from './email-templates.ts';

const directory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'emails');

test('each email has an HTML and a plain-text template, the HTML on the shared layout', async () => {
  const files = await readdir(directory);
  const names = new Set(files.map((f) => f.replace(/\.(html|text)\.njk$/, '')));
  names.delete('layout');
  assert.ok(names.size >= 7, [...names].join(', '));
  for (const name of names) {
    assert.ok(files.includes(`${name}.html.njk`), `${name}.html.njk`);
    assert.ok(files.includes(`${name}.text.njk`), `${name}.text.njk`);
    const html = await readFile(path.join(directory, `${name}.html.njk`), 'utf8');
    assert.match(html, /^\{% extends "layout\.html\.njk" %\}/, `${name} extends the layout`);
    assert.match(html, /\{% set heading = /, `${name} sets its heading`);
  }
});

test('the HTML part escapes what it is given; the text part does not', () => {
  const email = renderEmail('welcome-back-review-due', {
    name: 'Pat <b>Kowalski</b>',
    managerFirstName: 'Grace',
    dueDate: '2026-11-11',
    link: 'https://wellwork.example.org/o/x/people/1/welcome-back-reviews/2',
    organisationName: 'Smith & Jones',
  });
  assert.match(email.html, /<h1[^>]*>Pat &lt;b&gt;Kowalski&lt;\/b&gt;’s welcome-back review is due<\/h1>/);
  assert.match(email.html, /<p[^>]*>Smith &amp; Jones<\/p>/);
  assert.match(email.html, /by 11 November 2026\./);
  assert.match(email.text, /^Pat <b>Kowalski<\/b>, who is in your team, is back at work\./m);
  assert.match(email.text, /Smith & Jones\n$/);
});
