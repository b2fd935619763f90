import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration from the environment, validated once at start-up. A bad or missing variable
 * stops the process with the list of every problem, never a half-configured server.
 */
const environment = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  WELLWORK_DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).max(600).default(10),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Wellwork <no-reply@wellwork.example>'),
  MAIL_DIR: z.string().optional(),
  SEALING_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  OH_NOTES_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  WELLWORK_DEMO: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true')),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null };
  session: { secret: string | null; idleMinutes: number; absoluteHours: number };
  trustProxy: boolean;
  /** Cookies are marked Secure when the service is reached over HTTPS. */
  secureCookies: boolean;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  /** The address people reach the service at, for links in email. */
  publicUrl: string;
  /** Whether PUBLIC_URL was set, rather than the local address taken in its place. */
  publicUrlSet: boolean;
  mail: { smtpUrl: string | null; from: string; directory: string | null };
  /**
   * The key that seals secrets kept in the database (authenticator secrets, single sign-on client
   * secrets): SEALING_KEY, or else a key file in `dataDir` (`src/sealing.ts`).
   */
  sealing: { key: string | null; dataDir: string | null };
  /**
   * The key that seals occupational health clinical notes: OH_NOTES_KEY, or else the key file
   * `oh-notes.key` in `dataDir`. It is kept apart from the sealing key, and out of backups.
   */
  ohNotes: { key: string | null; dataDir: string | null };
  /**
   * Whether an empty database is filled with the demo partnership, whose sign-ins are published:
   * by default only on the embedded database, never on a PostgreSQL server unless WELLWORK_DEMO
   * asks for it.
   */
  loadDemoOnFirstStart: boolean;
  /** On SIGTERM or SIGINT, how long requests in flight are given to finish before they are cut off. */
  shutdownTimeoutSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Wellwork cannot start; fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // A variable set to nothing is taken as not set, as shells and service managers leave them.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environment.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const dataDir = e.WELLWORK_DATA_DIR === ':memory:' ? null : path.resolve(e.WELLWORK_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir },
    session: {
      secret: e.SESSION_SECRET ?? null,
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
    },
    trustProxy: e.TRUST_PROXY,
    secureCookies: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).protocol === 'https:' : false,
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    publicUrlSet: e.PUBLIC_URL !== undefined,
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      directory: e.MAIL_DIR ?? (dataDir ? path.join(dataDir, 'mail') : null),
    },
    sealing: { key: e.SEALING_KEY ?? null, dataDir },
    ohNotes: { key: e.OH_NOTES_KEY ?? null, dataDir },
    loadDemoOnFirstStart: e.WELLWORK_DEMO ?? !e.DATABASE_URL,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
  };
}
