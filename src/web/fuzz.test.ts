/**
 * Bad input never breaks the service: every registered route, as a person allowed to use it
 * (or with an API key holding every scope), is sent NUL bytes, ids that are huge, negative, not
 * numbers or 1e309, JSON bodies of numbers, booleans, arrays and objects, very long text, the
 * years 0000 and 9999, and CR, LF and the ideographic space. No answer may be a 5xx.
 *
 * The field and query names come from the service's own pages: the forms and links of every
 * page read first, and the API's OpenAPI document. The choices are seeded, so a failure repeats.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as cheerio from 'cheerio';
import { ROLES } from '../domain/roles.ts';
import { createTestAccount } from '../testing/factories.ts';
import { authenticatorCode } from '../testing/second-factor.ts';
import { seededRandom } from '../domain/seeded-random.ts';
import { accessFixture, fill } from '../testing/access-fixture.ts';
import { openTestApp } from '../testing/test-services.ts';
import type { App, RegisteredRoute } from '../app.ts';

const BAD_IDS = ['2147483648', 'zzz', '-1', '1e309', '%00'];
const BAD_TEXT = [
  '\u0000',
  `Ann\u0000e`,
  'x'.repeat(20_000),
  '\r\n\u3000',
  '0000-01-01',
  '9999-12-31',
  '99999999999999',
  '1e309',
  '-1',
  'zzz',
];
/** The parts of a GOV.UK date input, where the years 0000 and 9999 go. */
const DATE_PART = /-(day|month|year)$/;
const BAD_DATE_PARTS: Record<string, string[]> = {
  day: ['0', '99999999999999', '\u0000'],
  month: ['13', '-1', '1e309'],
  year: ['0000', '9999', '99999999999999'],
};
/** Query names tried on every page besides those its own forms and links use. */
const COMMON_QUERY_NAMES = ['page', 'unit', 'q', 'month', 'from', 'to', 'review', 'parent', 'returnTo'];
/** Names tried on forms the pages read did not show. */
const COMMON_FIELD_NAMES = ['name', 'action', 'pendingId', 'reviewId', 'status', 'roles', 'email'];
const JSON_VALUES: unknown[] = [-1, true, null, ['a', 'b'], { a: 1 }];

interface Form {
  /** Each field with the value the page gave it (the first choice for radios and selects). */
  fields: Map<string, string>;
}

/** The forms of a page that send to the service, by the path they send to. */
function formsOf(html: string, pageUrl: string): { post: Map<string, Form>; queryNames: Set<string> } {
  const $ = cheerio.load(html);
  const post = new Map<string, Form>();
  const queryNames = new Set<string>();
  const pagePath = pageUrl.split('?')[0] ?? pageUrl;
  $('form').each((_, element) => {
    const form = $(element);
    const action = (form.attr('action') ?? pagePath).split('?')[0] || pagePath;
    const fields = new Map<string, string>();
    form.find('input[name], select[name], textarea[name]').each((_, input) => {
      const field = $(input);
      const name = field.attr('name') ?? '';
      if (!name || name === '_csrf' || fields.has(name)) return;
      const value =
        input.tagName === 'select'
          ? (field.find('option').first().attr('value') ?? '')
          : field.is('textarea')
            ? field.text()
            : (field.attr('value') ?? '');
      fields.set(name, value);
    });
    if ((form.attr('method') ?? 'get').toLowerCase() === 'post') post.set(action, { fields });
    else if (action === pagePath) for (const name of fields.keys()) queryNames.add(name);
  });
  $('a[href]').each((_, element) => {
    const href = $(element).attr('href') ?? '';
    const [path, query] = href.split('?');
    if (path === pagePath && query)
      for (const name of new URLSearchParams(query).keys()) queryNames.add(name);
  });
  return { post, queryNames };
}

/** A person's cookies and form token, sending requests as they are. */
class Client {
  private cookies = new Map<string, string>();
  private token = '';
  constructor(private readonly app: App) {}

  async send(options: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: string | Buffer;
  }) {
    const response = await this.app.inject({
      method: options.method as 'GET',
      url: options.url,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(this.token ? { 'x-csrf-token': this.token } : {}),
        ...options.headers,
      },
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    });
    for (const line of [response.headers['set-cookie'] ?? []].flat()) {
      const [name, ...value] = (line.split(';')[0] ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.token = token;
    return response;
  }

  async signIn(email: string, password: string) {
    await this.send({ method: 'GET', url: '/sign-in' });
    const response = await this.form('POST', '/sign-in', [
      ['email', email],
      ['password', password],
      ['returnTo', '/'],
    ]);
    assert.equal(response.statusCode, 302, 'signed in');
    // Holding every role, the account sets up an authenticator app before anything else.
    const location = String(response.headers.location);
    if (location.startsWith('/account/authenticator')) {
      const page = await this.send({ method: 'GET', url: location });
      const secret = cheerio.load(page.body)('#secret').text().replace(/\s/g, '');
      const done = await this.form('POST', '/account/authenticator', [['code', authenticatorCode(secret)]]);
      assert.equal(done.statusCode, 200, 'authenticator app set up');
    }
  }

  form(method: string, url: string, fields: [string, string][]) {
    const body = new URLSearchParams([...fields, ['_csrf', this.token]]);
    return this.send({
      method,
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }

  json(method: string, url: string, body: unknown, headers: Record<string, string> = {}) {
    return this.send({
      method,
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });
  }
}

test('no route answers bad input with a server error', async (t) => {
  const { services, app } = await openTestApp();
  const own = await accessFixture(services, 'Fuzzed Borough Council');
  // Everyone may do everything here, and the records of the fixture are their own.
  await services.users.grant(own.owner.id, own.organisationId, [...ROLES]);
  // Changes to an account are tried on another's, so that the session lives on.
  const target = await createTestAccount(services, own.organisationId, ['employee']);
  const params = { ...own.params, userId: String(target.id) };

  const signedIn = new Client(app);
  await signedIn.signIn(own.owner.email, own.owner.password);
  const anonymous = new Client(app);
  const api = { authorization: `Bearer ${own.apiKey.all}` };
  // Seeded, so that a failing case comes back on the next run.
  const { pick } = seededRandom(15);

  const failures: string[] = [];
  let sent = 0;
  const check = (what: string, response: { statusCode: number; body: string }) => {
    sent += 1;
    if (response.statusCode >= 500) failures.push(`${response.statusCode} ${what}`);
  };
  const clientFor = (route: RegisteredRoute) => (route.access.kind === 'public' ? anonymous : signedIn);
  const headersFor = (route: RegisteredRoute) => (route.access.kind === 'api' ? api : {});
  const describe = (text: string) =>
    (text.length > 120 ? `${text.slice(0, 117)}…` : text).replace(/\0/g, '\\0');

  // Signing out would end the session; it has no input but the form token.
  const routes = app.registeredRoutes.filter(
    (r) => r.url !== '/sign-out' && r.url !== '/account/sign-out-everywhere',
  );

  // First every page as it is, for the names of its query and of its forms' fields.
  const forms = new Map<string, Form>();
  const queryNames = new Map<string, Set<string>>();
  for (const route of routes.filter((r) => r.method === 'GET')) {
    const url = fill(route.url, params);
    const response = await clientFor(route).send({ method: 'GET', url, headers: headersFor(route) });
    check(`GET ${url}`, response);
    if (!String(response.headers['content-type']).startsWith('text/html')) continue;
    const found = formsOf(response.body, url);
    for (const [action, form] of found.post) if (!forms.has(action)) forms.set(action, form);
    queryNames.set(route.url, found.queryNames);
  }
  const openApi = (await app.inject({ url: '/api/openapi.json' })).json<{
    paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
  }>();
  for (const [path, operations] of Object.entries(openApi.paths)) {
    const names = Object.values(operations).flatMap((o) => o.parameters ?? []);
    queryNames.set(
      path.replace(/\{(\w+)\}/g, ':$1'),
      new Set(names.filter((p) => p.in === 'query').map((p) => p.name)),
    );
  }

  for (const route of routes) {
    const client = clientFor(route);
    const headers = headersFor(route);
    const url = fill(route.url, params);
    const form = forms.get(url) ?? {
      fields: new Map(COMMON_FIELD_NAMES.map((name) => [name, ''] as [string, string])),
    };
    const send = async (address: string, fields: [string, string][] = [...form.fields]) => {
      const response =
        route.method === 'GET'
          ? await client.send({ method: 'GET', url: address, headers })
          : route.access.kind === 'api'
            ? await client.json(route.method, address, { people: [] }, headers)
            : await client.form(route.method, address, fields);
      check(`${route.method} ${describe(address)} ${describe(JSON.stringify(fields))}`, response);
    };

    // Each parameter of the address bad: an id too big for PostgreSQL, and one of the others.
    for (const name of route.url.match(/:\w+/g) ?? []) {
      const values = /Id$/.test(name) ? ['2147483648', pick(BAD_IDS.slice(1))] : [pick(BAD_TEXT.slice(0, 4))];
      for (const value of values) {
        await send(fill(route.url, { ...params, [name.slice(1)]: encodeURIComponent(value) }));
      }
    }

    if (route.method === 'GET') {
      // Every name the page uses, and the common ones, at once with the same bad value; then
      // each of the page's own names alone, now and then twice, which comes as a list.
      const own = [...(queryNames.get(route.url) ?? [])];
      const names = [...new Set([...own, ...COMMON_QUERY_NAMES])];
      for (const value of ['\u0000', '99999999999999', pick(['1e309', '0000-01-01', '\r\n\u3000', 'zzz'])]) {
        await send(`${url}?${new URLSearchParams(names.map((n) => [n, value])).toString()}`);
      }
      for (const name of own) {
        const query = new URLSearchParams([[name, pick([...BAD_TEXT, ...BAD_IDS])]]);
        if (pick([false, false, true])) query.append(name, 'zzz');
        await send(`${url}?${query.toString()}`);
      }
      continue;
    }

    if (route.access.kind === 'api') {
      await fuzzPeopleImport(client, url, headers, check, pick);
      continue;
    }

    // A form: every field with the same bad value; fields bad three at a time, each once, the
    // rest as the page gave them; the same field twice, which comes as a list; and JSON.
    const fields = [...form.fields];
    for (const value of ['\u0000', 'x'.repeat(20_000), pick(['\r\n\u3000', '9999-12-31', 'zzz', '-1'])]) {
      await send(
        url,
        fields.map(([name]) => [name, value]),
      );
    }
    for (let i = 0; i < fields.length; i += 3) {
      const bad = new Map(
        fields.slice(i, i + 3).map(([name]) => {
          const part = DATE_PART.exec(name)?.[1];
          return [name, pick(part ? (BAD_DATE_PARTS[part] ?? []) : [...BAD_TEXT, ...BAD_IDS])];
        }),
      );
      const sent = fields.map(([name, value]): [string, string] => [name, bad.get(name) ?? value]);
      const [first] = bad.keys();
      await send(url, pick([false, true]) && first ? [...sent, [first, 'zzz']] : sent);
    }
    const body = Object.fromEntries(fields.map(([name]) => [name, pick(JSON_VALUES)]));
    check(
      `${route.method} ${url} as JSON ${describe(JSON.stringify(body))}`,
      await client.json(route.method, url, body),
    );
  }

  // The person still signed in shows the fuzzing reached the pages rather than the sign-in page.
  assert.equal((await signedIn.send({ method: 'GET', url: '/' })).statusCode, 200);
  t.diagnostic(`${sent} requests`);
  assert.ok(sent > 800, `only ${sent} requests sent`);
  assert.deepEqual(failures, [], `${failures.length} server errors in ${sent} requests`);
});

/** The API's people import: a good person with each field in turn of every wrong kind. */
async function fuzzPeopleImport(
  client: Client,
  url: string,
  headers: Record<string, string>,
  check: (what: string, response: { statusCode: number; body: string }) => void,
  pick: <T>(items: readonly T[]) => T,
) {
  const person: Record<string, unknown> = {
    employeeNumber: 'F1',
    firstName: 'Aisha',
    lastName: 'Khan',
    unit: 'Resources > Payroll',
    startDate: '2024-04-01',
    weeklyHours: 37,
    endDate: null,
    email: 'aisha.khan@test.example',
    jobTitle: 'Payroll Officer',
    staffGroup: 'Administrative',
    managerEmployeeNumber: null,
    hoursByDay: { mon: 7.4, tue: 7.4, wed: 7.4, thu: 7.4, fri: 7.4, sat: 0, sun: 0 },
    worksBankHolidays: false,
    annualSalary: 28_000,
  };
  const post = async (body: unknown, query = '?dryRun=true') => {
    const response = await client.json('POST', `${url}${query}`, body, headers);
    check(`POST ${url}${query} ${JSON.stringify(body).slice(0, 200).replace(/\0/g, '\\0')}`, response);
  };
  for (const body of [...JSON_VALUES, 'people', { people: {} }, { people: [1, 'a', null] }]) {
    await post(body);
  }
  for (const name of Object.keys(person)) {
    for (let i = 0; i < 2; i++) {
      await post({ people: [{ ...person, [name]: pick([...JSON_VALUES, ...BAD_TEXT]) }] });
    }
  }
  for (const value of ['\u0000', 'yes']) {
    await post({ people: [person] }, `?${new URLSearchParams({ dryRun: value }).toString()}`);
  }
  // A good import, then the same people with each field bad, written rather than tried.
  await post({ people: [person] }, '');
  for (const name of Object.keys(person)) {
    await post({ people: [{ ...person, [name]: pick([...JSON_VALUES, ...BAD_TEXT]) }] }, '');
  }
}
