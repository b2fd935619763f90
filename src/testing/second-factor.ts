/**
 * The authenticator apps of test accounts, as a person keeps one on their phone: the key they set
 * up (read from the set-up page, as they would type it) and the recovery codes they were shown.
 * The sign-in helpers (`HttpSession.signIn`, the browser journeys) set an app up when the service
 * asks, and enter its codes afterwards: through the service's own pages, nothing bypassed.
 */
import { Secret, TOTP } from 'otpauth';

interface KeptApp {
  secret: string;
  recoveryCodes: string[];
  /** The last time step whose code was entered: the service takes each step's code once. */
  lastStep: number;
}

const apps = new Map<string, KeptApp>();
const keyOf = (email: string) => email.trim().toLowerCase();

const totp = (secret: string) =>
  new TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret.replace(/\s/g, '')),
  });

/** The code an app with this key shows at `at` (or for a time step). */
export function authenticatorCode(secret: string, at: { timestamp?: number; step?: number } = {}): string {
  const timestamp = at.step !== undefined ? at.step * 30_000 : (at.timestamp ?? Date.now());
  return totp(secret).generate({ timestamp });
}

export const currentStep = (timestamp = Date.now()) => Math.floor(timestamp / 30_000);

/** Remembers the app an account's holder has just set up, with the step whose code confirmed it. */
export function rememberAuthenticator(email: string, secret: string, recoveryCodes: string[], step: number) {
  apps.set(keyOf(email), {
    secret: secret.replace(/\s/g, ''),
    recoveryCodes: [...recoveryCodes],
    lastStep: step,
  });
}

export function keptAuthenticator(email: string): KeptApp | undefined {
  return apps.get(keyOf(email));
}

/**
 * A code to sign in with: the app's code now, or the next step's (the service allows one step of
 * drift) if now's was used; failing both, a recovery code, as a person signing in again within
 * the same half minute would have to.
 */
export function signInCode(email: string): string {
  const app = apps.get(keyOf(email));
  if (!app) throw new Error(`No authenticator app was set up for ${email} in these tests`);
  const now = currentStep();
  for (const step of [now, now + 1]) {
    if (step > app.lastStep) {
      app.lastStep = step;
      return authenticatorCode(app.secret, { step });
    }
  }
  const recovery = app.recoveryCodes.shift();
  if (!recovery) throw new Error(`${email} has signed in too often this half minute for its codes`);
  return recovery;
}
