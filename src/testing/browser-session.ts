import * as cheerio from 'cheerio';
import type { App } from '../app.ts';
import { authenticatorCode, currentStep, rememberAuthenticator, signInCode } from './second-factor.ts';

interface Response {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  $: cheerio.CheerioAPI;
}

/**
 * A person using the service through HTTP, as a browser would: keeps cookies, takes the CSRF
 * token from the last page's forms and sends forms url-encoded.
 */
export class HttpSession {
  private cookies = new Map<string, string>();
  private csrfToken = '';

  constructor(private readonly app: App) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(headers: Record<string, unknown>) {
    const setCookie = headers['set-cookie'];
    for (const line of [setCookie ?? []].flat() as string[]) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
  }

  private wrap(response: { statusCode: number; headers: Record<string, unknown>; body: string }): Response {
    this.remember(response.headers);
    const $ = cheerio.load(response.body);
    const token = $('input[name="_csrf"]').first().val();
    if (typeof token === 'string' && token) this.csrfToken = token;
    return {
      statusCode: response.statusCode,
      headers: response.headers as Response['headers'],
      body: response.body,
      $,
    };
  }

  async get(url: string): Promise<Response> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    return this.wrap(response);
  }

  /** A GET whose body is kept as bytes, for a downloaded file such as a spreadsheet. */
  async download(url: string): Promise<{ statusCode: number; headers: Response['headers']; body: Buffer }> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.remember(response.headers);
    return {
      statusCode: response.statusCode,
      headers: response.headers,
      body: response.rawPayload,
    };
  }

  async post(
    url: string,
    form: Record<string, string | string[]>,
    options: { csrf?: boolean } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
    if (options.csrf !== false && !('_csrf' in form)) body.append('_csrf', this.csrfToken);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    return this.wrap(response);
  }

  async upload(
    url: string,
    fields: Record<string, string>,
    file: { field: string; name: string; content: string | Buffer },
  ) {
    const boundary = '----wellworktest' + Math.random().toString(16).slice(2);
    const parts: Buffer[] = [];
    const all = { _csrf: this.csrfToken, ...fields };
    for (const [key, value] of Object.entries(all)) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`),
      );
    }
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    return this.wrap(response);
  }

  /** A request sent as given, with the session's cookies: for bodies no browser form sends, such as JSON. */
  async send(options: {
    method: 'GET' | 'POST';
    url: string;
    headers?: Record<string, string>;
    payload?: string;
  }) {
    const response = await this.app.inject({
      method: options.method,
      url: options.url,
      headers: { cookie: this.cookieHeader(), ...options.headers },
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    });
    return this.wrap(response);
  }

  /**
   * Signs in through the sign-in page; throws if it does not succeed. Where the service asks, it
   * enters the code of the account's authenticator app, or sets one up first (`second-factor.ts`).
   */
  async signIn(email: string, password: string): Promise<this> {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { email, password, returnTo: '/' });
    if (response.statusCode !== 302) throw new Error(`Sign-in failed for ${email}: ${response.statusCode}`);
    let location = String(response.headers.location);
    if (location === '/sign-in/code') {
      await this.get(location);
      const second = await this.post(location, { code: signInCode(email) });
      if (second.statusCode !== 303)
        throw new Error(`The code was refused for ${email}: ${second.statusCode}`);
      location = String(second.headers.location);
    }
    if (location.startsWith('/account/authenticator')) await this.setUpAuthenticator(email, location);
    return this;
  }

  /** Sets up an authenticator app as its holder would, remembering its key and recovery codes. */
  async setUpAuthenticator(email: string, location = '/account/authenticator') {
    const page = await this.get(location);
    const secret = page.$('#secret').text().replace(/\s/g, '');
    if (!secret) throw new Error(`No authenticator key shown to ${email}: ${page.statusCode}`);
    const step = currentStep();
    const codes = await this.post('/account/authenticator', {
      code: authenticatorCode(secret, { step }),
      returnTo: String(page.$('input[name="returnTo"]').val() ?? '/'),
    });
    const recoveryCodes = codes
      .$('#recovery-codes code')
      .map((_, c) => codes.$(c).text())
      .get();
    if (codes.statusCode !== 200 || recoveryCodes.length === 0) {
      throw new Error(`Setting up an authenticator app failed for ${email}: ${codes.statusCode}`);
    }
    rememberAuthenticator(email, secret, recoveryCodes, step);
    return { secret, recoveryCodes };
  }
}
