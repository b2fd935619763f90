/**
 * What every email must be, checked in one place: a plain-text part and an HTML part; the
 * person it is about named in the subject and in both parts; dates in words; the HTML simple and
 * accessible (a language, one heading, links with their own words, no images); every link
 * absolute and in both parts; and, where asked, none of some words (a reason, a health detail).
 */
import assert from 'node:assert/strict';
import type { MailMessage } from '../modules/notifications/mailer.ts';

export function assertEmail(
  message: MailMessage | undefined,
  expected: { names: string; links: readonly string[]; never?: RegExp },
): { subject: string; text: string; html: string } {
  assert.ok(message, 'the email was sent');
  const { subject, text, html } = message;
  assert.ok(html, `“${subject}” has an HTML part`);
  assert.ok(text.trim() !== '', `“${subject}” has a plain-text part`);
  for (const [part, words] of Object.entries({ subject, text, html })) {
    assert.ok(words.includes(expected.names), `the ${part} names ${expected.names}: ${words}`);
    assert.doesNotMatch(words, /\b\d{4}-\d{2}-\d{2}\b/, `the ${part} has its dates in words`);
    if (expected.never) assert.doesNotMatch(words, expected.never, `the ${part} says nothing it must not`);
  }
  assert.match(html, /^<!DOCTYPE html>\s*<html lang="en">/);
  assert.equal(html.match(/<h1[ >]/g)?.length, 1, 'one heading');
  const heading = /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
  assert.ok(heading.includes(expected.names), `the heading names them: ${heading}`);
  assert.doesNotMatch(html, /<img\b/i);
  const anchors = [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)];
  assert.equal(anchors.length, (html.match(/<a\b/g) ?? []).length, 'every link is a plain link with words');
  for (const [, href, words] of anchors) {
    assert.match(href ?? '', /^https?:\/\/[^/]+\//, `${href} is absolute`);
    assert.doesNotMatch(
      words ?? '',
      /^\s*(here|click here|link)?\s*$/i,
      `the link to ${href} says where it goes`,
    );
    assert.ok(text.includes(href ?? ''), `the text part has the link ${href} too`);
  }
  for (const link of expected.links) {
    assert.match(link, /^https?:\/\//, `${link} is absolute`);
    assert.ok(
      anchors.some(([, href]) => href === link),
      `the HTML links to ${link}`,
    );
    assert.ok(text.includes(link), `the text gives ${link}`);
  }
  return { subject, text, html };
}
