import { inflateSync } from 'node:zlib';

/**
 * The text a PDF written with the standard fonts shows, one line per text-showing operator: its
 * content streams inflated and the strings of each TJ/Tj decoded. Enough for tests to check what a
 * generated letter says; not a general PDF reader.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const contents: string[] = [];
  for (const match of raw.matchAll(/<<([^]*?)>>\s*stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    contents.push(
      match[1]?.includes('/FlateDecode') ? inflateSync(bytes).toString('latin1') : bytes.toString('latin1'),
    );
  }
  const lines: string[] = [];
  for (const content of contents) {
    for (const shown of content.matchAll(/\[([^\]]*)\]\s*TJ|(<[0-9a-fA-F]*>)\s*Tj/g)) {
      const strings = (shown[1] ?? shown[2] ?? '').matchAll(/<([0-9a-fA-F]*)>/g);
      lines.push([...strings].map((s) => Buffer.from(s[1] ?? '', 'hex').toString('latin1')).join(''));
    }
  }
  return lines.join('\n');
}
