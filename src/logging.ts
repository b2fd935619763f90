import type { FastifyServerOptions } from 'fastify';
import pinoPretty from 'pino-pretty';
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

/** What stands in the log for a value sent to the database. */
export const REDACTED = '[redacted]';

/**
 * The fields of a database error that say where and what went wrong without quoting the data:
 * PostgreSQL's `detail`, `where` and `hint` can quote the values of a row, so they are left out.
 */
const DATABASE_ERROR_FIELDS = [
  'code',
  'severity',
  'routine',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'position',
  'statusCode',
  'validation',
] as const;

interface SerializedError {
  type: string;
  message: string;
  stack: string;
  cause?: SerializedError;
  [field: string]: unknown;
}

function isError(value: unknown): value is Error & Record<string, unknown> {
  return value instanceof Error;
}

/** The values a failed query was sent with (Drizzle's `params`), from anywhere in the chain of causes. */
function queryValues(error: unknown, seen = new Set<unknown>()): string[] {
  if (!isError(error) || seen.has(error)) return [];
  seen.add(error);
  const own = Array.isArray(error.params)
    ? error.params.flat(Infinity).flatMap((value: unknown) => {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        // Short values (ids, flags) say nothing and would blank out ordinary words.
        return text !== undefined && text.length >= 4 ? [text] : [];
      })
    : [];
  return [...own, ...queryValues(error.cause, seen)];
}

/** Text with every value sent to the database replaced, and Drizzle's `params:` line left out. */
function withoutValues(text: string, values: readonly string[]): string {
  let safe = text.replace(/\nparams: [\s\S]*?(?=\n\s+at |\ncaused by|$)/, '');
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    safe = safe.split(value).join(REDACTED);
  }
  return safe;
}

function serialize(
  error: Error & Record<string, unknown>,
  values: readonly string[],
  depth: number,
): SerializedError {
  const serialized: SerializedError = {
    // A bundled library's class may have a minified name: its own name then says more.
    type: error.constructor.name.length > 2 ? error.constructor.name : error.name,
    message: withoutValues(error.message, values),
    stack: withoutValues(error.stack ?? '', values),
  };
  if (typeof error.query === 'string') serialized.query = error.query;
  for (const field of DATABASE_ERROR_FIELDS) {
    const value = error[field];
    if (value !== undefined && value !== null && typeof value !== 'function') serialized[field] = value;
  }
  if (isError(error.cause) && depth < 5) serialized.cause = serialize(error.cause, values, depth + 1);
  return serialized;
}

/**
 * Errors as they are logged: type, message, stack and the fields that locate a fault, and never
 * the values a query was sent with. A failed query's error (Drizzle's `DrizzleQueryError`)
 * quotes them in its message, its stack and its `params`, and PostgreSQL's own error may quote
 * them again (`invalid input syntax for type integer: "…"`); a person's passport or an API key's
 * hash would otherwise reach the log. The SQL itself, with its `$1` placeholders, is kept.
 */
export function serializeError(error: Error): SerializedError {
  return serialize(error as Error & Record<string, unknown>, queryValues(error), 0);
}

/**
 * A request as logged: its method and path, never its query, which may carry what people typed
 * (a name searched for, the words of a filter) and has no bound on its length.
 */
export function serializeRequest(request: { method: string; url: string; id?: unknown }) {
  const queryAt = request.url.indexOf('?');
  return {
    method: request.method,
    url: queryAt === -1 ? request.url : `${request.url.slice(0, queryAt)}?[query withheld]`,
    id: request.id,
  };
}

/**
 * How the service logs. On a terminal, readable lines (pino-pretty: time, level, message, and
 * the request's method, path and status); anywhere else (a file, a pipe, a log collector), one
 * JSON object a line. Log lines go to standard error, so that a command's standard output is
 * only its result.
 */
export function loggerOptions(
  level: Config['logLevel'],
  stream: NodeJS.WritableStream = process.stderr,
  terminal: boolean = (stream as { isTTY?: boolean }).isTTY === true,
): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError, req: serializeRequest },
    stream: terminal
      ? pinoPretty({
          destination: stream,
          sync: true,
          translateTime: 'SYS:HH:MM:ss',
          ignore: 'pid,hostname,reqId',
          messageFormat:
            '{if req.method}{req.method} {req.url} {end}{if res.statusCode}{res.statusCode} {end}{msg}',
          singleLine: true,
        })
      : stream,
  };
}

/**
 * The level of the log lines of static asset requests (the stylesheet, scripts, fonts and
 * images every page loads): below `info`, so that the log at `info` shows the pages and
 * downloads people asked for, not the dozen files each one pulls in.
 */
export const STATIC_ASSETS_LOG_LEVEL = 'debug';

/** Whether a request is for a static asset, which Fastify's own request lines leave out. */
export function isStaticAsset(request: { url: string }): boolean {
  return request.url.startsWith('/assets/');
}
