import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

/**
 * Fields that may carry health or personal data are never written to the log, whatever logs
 * them: request bodies, cookies and authorisation headers, and any field named for health data.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.body',
  'body',
  'password',
  '*.password',
  'notes',
  '*.notes',
  'reason',
  '*.reason',
  'reasonCode',
  '*.reasonCode',
  'diagnosis',
  '*.diagnosis',
  'clinicalNotes',
  '*.clinicalNotes',
];

export function loggerOptions(level: Config['logLevel']): FastifyServerOptions['logger'] {
  // Log lines go to standard error, so that a command's standard output is only its result.
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    stream: process.stderr,
  };
}
