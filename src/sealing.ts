/**
 * Sealing: secrets kept in the database encrypted at rest (AES-256-GCM), with a key that is kept
 * out of it, so that a copy of the database (a backup, a dump) does not give them away. Each
 * sealed value is bound to what it is for (`context`, e.g. "authenticator:42"): moved to another
 * row, it does not open. Anything that does not open, for any reason, fails closed with an error.
 *
 * The key is SEALING_KEY (32 bytes, base64) when set; otherwise a key file in the data directory,
 * made on first start with only its owner able to read it; an installation with neither (tests,
 * `WELLWORK_DATA_DIR=:memory:`) gets a key for the life of the process.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

export class SealingError extends Error {}

export interface Sealer {
  /** The value encrypted for `context`, as text to store. */
  seal(value: string, context: string): string;
  /** The value sealed for `context`; throws a SealingError if it was not, or was changed. */
  open(sealed: string, context: string): string;
}

export function sealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new SealingError('The sealing key must be 32 bytes');
  return {
    seal(value, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const encrypted = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), encrypted].map((b) => b.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, encrypted, ...rest] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || encrypted === undefined || rest.length > 0) {
        throw new SealingError('The sealed value is not in a form this version opens');
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(encrypted, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new SealingError('The sealed value does not open with this key for this purpose');
      }
    },
  };
}

/** A key with its id (a digest of it, never the key): what sealed a value, kept beside it. */
export interface SealingKey {
  id: string;
  sealer: Sealer;
}

export function sealingKey(key: Buffer): SealingKey {
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), sealer: sealer(key) };
}

/**
 * A sealing key: the one given (SEALING_KEY), else the data directory's key file (`sealing.key`
 * unless named), made if missing.
 */
export function loadSealingKey(
  settings: { key: string | null; dataDir: string | null },
  fileName = 'sealing.key',
): Buffer {
  if (settings.key !== null) return Buffer.from(settings.key, 'base64');
  if (settings.dataDir === null) return randomBytes(32);
  const file = path.join(settings.dataDir, fileName);
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(settings.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx': should another process have made it meanwhile, its key is kept and read.
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
}
