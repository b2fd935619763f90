export interface PrintableLetter {
  organisationName: string;
  /** The date the letter was issued, in words: “7 December 2026”. */
  dateInWords: string;
  addressee: string;
  subject: string;
  /** The letter's text as issued: paragraphs separated by blank lines, sign-off included. */
  body: string;
}

/** Characters the PDF standard fonts can show beyond Latin-1 (their WinAnsi encoding). */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const NO_DECOMPOSITION: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h' };

/**
 * Text the standard fonts can print: a letter outside their encoding becomes its plain form
 * (“Ł” → “L”, “ș” → “s”) rather than a wrong glyph.
 */
export function printableText(text: string): string {
  return [...text]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return ch;
      if (WIN_ANSI_EXTRA.has(ch)) return ch;
      if (ch in NO_DECOMPOSITION) return NO_DECOMPOSITION[ch];
      const plain = ch.normalize('NFD').replace(/\p{M}/gu, '');
      return /^[\x20-\x7e\xa0-\xff]+$/.test(plain) ? plain : '?';
    })
    .join('');
}

const MARGIN = 72; // one inch, about 25 mm

/**
 * A letter as an A4 PDF to print or keep: the organisation's name, the date in words, the
 * person it is addressed to, the subject and the letter's own paragraphs and sign-off.
 */
export async function letterPdf(
  letter: PrintableLetter,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  // PDFKit is loaded when a letter is first made, not with every page of the service.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    compress: options.compress ?? true,
    info: {
      Title: printableText(letter.subject),
      Author: printableText(letter.organisationName),
      Subject: printableText(`A letter to ${letter.addressee}`),
    },
    lang: 'en-GB',
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(printableText(letter.organisationName), { align: 'right' });
  doc.moveDown(2);
  doc.font('Helvetica-Bold').fontSize(10).text('Private and confidential');
  doc.font('Helvetica').fontSize(11).text(printableText(letter.addressee));
  doc.moveDown(1.5);
  doc.text(printableText(letter.dateInWords));
  doc.moveDown(1.5);
  doc.font('Helvetica-Bold').fontSize(12).text(printableText(letter.subject));
  doc.moveDown();
  doc.font('Helvetica').fontSize(11);
  for (const paragraph of letter.body.trim().split(/\n\s*\n/)) {
    doc.text(printableText(paragraph.trim()), { lineGap: 2 });
    doc.moveDown(0.8);
  }
  doc.end();
  return finished;
}
