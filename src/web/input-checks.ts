import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { HttpProblem } from './access-control.ts';

/** What HTML forms send: the pages' forms, and the upload forms. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Checks made on every request before anything reads it, so that no page meets input it cannot
 * store or parse:
 * - no NUL byte anywhere in the address or the body: PostgreSQL cannot store one in text, and
 *   no one types it. The message names the field and where it was;
 * - pages take forms as browsers send them (url-encoded or multipart); only the API, under
 *   `/api/`, takes JSON. A form's handler then only ever sees text and lists of text.
 */
export const inputChecks = fp(async (app) => {
  // Before access control reads the organisation the address names, so ahead of any query.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) refuseNonFormBody(request);
    refuseNul(request.params, 'in the address');
    refuseNul(request.query, 'in the address’s query');
  });
  app.addHook('preValidation', async (request) => {
    refuseNul(request.body, request.url.startsWith('/api/') ? 'in the request body' : 'in the form');
  });
});

function refuseNonFormBody(request: FastifyRequest): void {
  const contentType = request.headers['content-type'];
  if (contentType === undefined || request.method === 'GET' || request.method === 'HEAD') return;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) {
    throw new HttpProblem(
      415,
      `This page takes a form sent as ${FORM_TYPES.join(' or ')}, not ${type || 'an unnamed type'}. The JSON API is under /api/.`,
    );
  }
}

/** A 400 naming the first field, at any depth, whose name or text holds a NUL byte. */
function refuseNul(value: unknown, where: string): void {
  const field = fieldWithNul(value, '');
  if (field !== null) {
    throw new HttpProblem(
      400,
      `“${field || 'the address'}” ${where} contains a NUL character (\\0), which cannot be used. Remove it and try again.`,
    );
  }
}

function fieldWithNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (key.includes('\0')) return itemPath.replace(/\0/g, '\\0');
    const found = fieldWithNul(item, itemPath);
    if (found !== null) return found;
  }
  return null;
}

/** A 400 for a query a page cannot use, naming each field and what is wrong with it. */
export function badQuery(issues: readonly z.core.$ZodIssue[]): HttpProblem {
  const problems = issues.map((issue) => `“${issue.path.join('.')}”: ${issue.message}`);
  return new HttpProblem(400, `The address’s query cannot be used. ${problems.join('; ')}.`);
}
