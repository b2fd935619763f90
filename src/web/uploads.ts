import type { FastifyRequest } from 'fastify';
import type { RowLimit } from '../domain/csv-problems.ts';
import type { UploadedFile } from './types.ts';

/** The file of a multipart form's `file` field, with a safe name to show back. */
export function uploadedFile(request: FastifyRequest, fallbackName: string): UploadedFile | null {
  if (!request.isMultipart()) return null;
  const file = (request.body as { file?: unknown } | undefined)?.file;
  if (!file || typeof file !== 'object' || !('content' in file) || !Buffer.isBuffer(file.content))
    return null;
  const fileName =
    'fileName' in file && typeof file.fileName === 'string' && file.fileName ? file.fileName : fallbackName;
  return { fileName: fileName.replace(/[^\w.\- ]/g, '_').slice(0, 120), content: file.content };
}

/**
 * The most data rows one uploaded file may have. A preview at this size is read, checked and
 * tried against the organisation's records in about ten seconds on a busy two-core machine, the
 * rest of the service answering meanwhile (docs/performance.md, "Uploads"); a large NHS trust's
 * whole workforce fits, and so do its absences of a quarter. Larger files go through the command
 * line (and, for people, the API), which have no such limit.
 */
export const UPLOAD_ROW_LIMIT = 50_000;

/** The limit of an upload page, naming the other ways (`otherWays`) to import a larger file. */
export function uploadRowLimit(otherWays: string): RowLimit {
  return {
    maxRows: UPLOAD_ROW_LIMIT,
    instead: `split it into files of up to ${UPLOAD_ROW_LIMIT.toLocaleString('en-GB')} rows, or import it ${otherWays}`,
  };
}
