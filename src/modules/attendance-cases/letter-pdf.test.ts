import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfText } from '../../testing/pdf-text.ts';
import { letterPdf, printableText } from './letter-pdf.ts';

const letter = {
  organisationName: 'Northshire Community Health',
  dateInWords: '7 December 2026',
  addressee: 'Amelia Brown',
  subject: 'Invitation: Informal stage meeting on 16 December 2026',
  body: 'Dear Amelia Brown,\n\nI am writing to invite you to an informal stage meeting.\n\nDate: 16 December 2026\nTime: 10:30am\nPlace: Meeting room 2\n\nYours sincerely,\n\nPriya Shah\nNorthshire Community Health',
};

test('a letter prints as an A4 PDF with the organisation, date in words, addressee, paragraphs and sign-off', async () => {
  const pdf = await letterPdf(letter);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
  const text = pdfText(pdf);
  for (const line of [
    'Northshire Community Health',
    '7 December 2026',
    'Amelia Brown',
    'Invitation: Informal stage meeting on 16 December 2026',
    'Dear Amelia Brown,',
    'I am writing to invite you to an informal stage meeting.',
    'Time: 10:30am',
    'Place: Meeting room 2',
    'Yours sincerely,',
    'Priya Shah',
  ]) {
    assert.ok(text.includes(line), `the PDF says “${line}”:\n${text}`);
  }
  assert.ok(text.indexOf('Northshire') < text.indexOf('7 December 2026'));
  assert.ok(text.indexOf('Dear Amelia') < text.indexOf('Yours sincerely'));
});

test('letters outside the standard fonts print as their plain forms, never as wrong glyphs', async () => {
  assert.equal(
    printableText('Łukasz Dąbrowski-Öztürk’s “plan” – £5 €'),
    'Lukasz Dabrowski-Öztürk’s “plan” – £5 €',
  );
  assert.equal(printableText('王'), '?');
  const text = pdfText(await letterPdf({ ...letter, addressee: 'Łukasz Dąbrowski' }));
  assert.ok(text.includes('Lukasz Dabrowski'), text);
});
