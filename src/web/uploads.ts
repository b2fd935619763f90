import type { FastifyRequest } from 'fastify';
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
