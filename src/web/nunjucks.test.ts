import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as cheerio from 'cheerio';
import {
  createViewEnvironment,
  dateTime,
  errorFor,
  formatNumber,
  gbp,
  percentage,
  pluralise,
  ukDate,
  ukDateShort,
  VIEW_SEARCH_PATHS,
} from './nunjucks.ts';

const env = createViewEnvironment({});

/** What the server passes on every page, for a signed-in HR adviser. */
const signedIn = {
  cspNonce: 'nonce-for-this-response',
  csrfToken: 'csrf-token-value',
  currentUser: { displayName: 'Priya Shah', email: 'priya.shah@merrowby.gov.uk' },
  navigation: [
    { href: '/', text: 'Home', active: false },
    { href: '/o/merrowby-council/people', text: 'People', active: true },
    { href: '/o/merrowby-council/absence-report', text: 'Absence report', active: false },
  ],
  organisationName: 'Merrowby Council',
  notification: null,
};

const signedOut = {
  cspNonce: 'another-nonce',
  csrfToken: '',
  currentUser: null,
  navigation: [],
  organisationName: null,
  notification: null,
};

const PAGE = `{% extends "layout.njk" %}
{% block content %}<h1 class="govuk-heading-l">{{ heading }}</h1><p class="govuk-body">{{ body }}</p>{% endblock %}`;

function render(source: string, context: Record<string, unknown>) {
  return cheerio.load(env.renderString(source, context));
}

function renderFile(template: string, context: Record<string, unknown>) {
  return cheerio.load(env.render(template, context));
}

test('ukDate writes a calendar date in full, and a timestamp as its date in London', () => {
  assert.equal(ukDate('2026-11-23'), '23 November 2026');
  assert.equal(ukDate('2024-02-29'), '29 February 2024');
  assert.equal(ukDate('2026-01-05'), '5 January 2026');
  // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
  assert.equal(ukDate('2026-06-30T23:30:00Z'), '1 July 2026');
  assert.equal(ukDate(new Date('2026-12-31T23:30:00Z')), '31 December 2026');
  // Not a real date: shown as it is rather than as some other date.
  assert.equal(ukDate('2026-02-30'), '2026-02-30');
  assert.equal(ukDate(null), '');
  assert.equal(ukDate(undefined), '');
});

test('ukDateShort uses the GOV.UK short month names', () => {
  assert.equal(ukDateShort('2026-11-23'), '23 Nov 2026');
  assert.equal(ukDateShort('2026-09-01'), '1 Sept 2026');
  assert.equal(ukDateShort('2026-06-05'), '5 June 2026');
  assert.equal(ukDateShort('2026-07-14'), '14 July 2026');
  assert.equal(ukDateShort(''), '');
});

test('dateTime shows an instant in UK time, GMT or BST as the date requires', () => {
  assert.equal(dateTime('2026-11-23T14:05:00Z'), '23 November 2026 at 2:05pm');
  assert.equal(dateTime('2026-06-23T13:05:00.000Z'), '23 June 2026 at 2:05pm');
  // PostgreSQL's own text form of a timestamp with time zone.
  assert.equal(dateTime('2026-11-23 09:00:00.123456+00'), '23 November 2026 at 9am');
  assert.equal(dateTime('2026-03-02T00:07:00Z'), '2 March 2026 at 12:07am');
  assert.equal(dateTime('2026-11-23T12:00:00Z'), '23 November 2026 at midday');
  assert.equal(dateTime('2026-11-23T00:00:00Z'), '23 November 2026 at midnight');
  assert.equal(dateTime(new Date('2026-10-25T00:30:00Z')), '25 October 2026 at 1:30am');
  assert.equal(dateTime('not a time'), 'not a time');
  assert.equal(dateTime(null), '');
});

test('number separates thousands and keeps the decimal places asked for', () => {
  assert.equal(formatNumber(1234567.891), '1,234,567.89');
  assert.equal(formatNumber(1234), '1,234');
  assert.equal(formatNumber(1234.5, 2), '1,234.50');
  assert.equal(formatNumber('12.30', 1), '12.3');
  assert.equal(formatNumber(-1500.25, 1), '-1,500.3');
  assert.equal(formatNumber(-0.001, 2), '0.00');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(null), '');
  assert.equal(formatNumber(''), '');
  assert.equal(formatNumber('twelve'), '');
  assert.equal(formatNumber(Number.NaN), '');
});

test('pct, gbp and pluralise', () => {
  assert.equal(percentage(4.25), '4.3%');
  assert.equal(percentage(2.049), '2.0%');
  assert.equal(percentage(12.3456, 2), '12.35%');
  assert.equal(percentage(null), '');
  assert.equal(gbp(1234.56), '£1,234.56');
  assert.equal(gbp('1234.5'), '£1,234.50');
  assert.equal(gbp(2500, 0), '£2,500');
  assert.equal(gbp(-5), '-£5.00');
  assert.equal(gbp(undefined), '');
  assert.equal(pluralise(1, 'person', 'people'), 'person');
  assert.equal(pluralise(0, 'person', 'people'), 'people');
  assert.equal(pluralise(2, 'day'), 'days');
  assert.equal(pluralise('1', 'day'), 'day');
});

test('errorFor finds the message for one field', () => {
  const errors = [
    { text: 'Enter a name', href: '#name' },
    { text: 'Enter the start date', href: '#startDate-day' },
  ];
  assert.deepEqual(errorFor(errors, 'name'), { text: 'Enter a name' });
  assert.deepEqual(errorFor(errors, 'startDate-day'), { text: 'Enter the start date' });
  assert.equal(errorFor(errors, 'email'), undefined);
  assert.equal(errorFor(undefined, 'name'), undefined);
});

test('the filters and errorFor are available in templates, and output is escaped', () => {
  const html = env.renderString(
    '{{ d | ukDate }}|{{ d | ukDateShort }}|{{ t | dateTime }}|{{ n | number(1) }}|{{ r | pct }}|{{ c | gbp }}|{{ k }} {{ k | pluralise("person", "people") }}|{{ errorFor(errors, "name").text }}|{{ evil }}',
    {
      d: '2026-11-23',
      t: '2026-11-23T14:05:00Z',
      n: 10234.56,
      r: 3.21,
      c: 99.5,
      k: 3,
      errors: [{ text: 'Enter a name', href: '#name' }],
      evil: '<script>alert(1)</script>',
    },
  );
  assert.equal(
    html,
    '23 November 2026|23 Nov 2026|23 November 2026 at 2:05pm|10,234.6|3.2%|£99.50|3 people|Enter a name|&lt;script&gt;alert(1)&lt;/script&gt;',
  );
});

test('templates are looked for in our views, the modules, then GOV.UK and MoJ Frontend', () => {
  assert.deepEqual(
    VIEW_SEARCH_PATHS.map((p) => p.split('/').slice(-2).join('/')),
    ['web/views', 'src/modules', 'govuk-frontend/dist', '@ministryofjustice/frontend'],
  );
  const html = env.renderString(
    `{% from "govuk/components/tag/macro.njk" import govukTag %}{% from "moj/components/badge/macro.njk" import mojBadge %}{{ govukTag({ text: "Overdue" }) }}{{ mojBadge({ text: "New" }) }}`,
    {},
  );
  const $ = cheerio.load(html);
  assert.equal($('strong.govuk-tag').text().trim(), 'Overdue');
  assert.equal($('.moj-badge').text().trim(), 'New');
});

test('a signed-in page has the layout: title, skip link, brand-neutral header, navigation, sign out and footer', () => {
  const $ = render(PAGE, { ...signedIn, pageTitle: 'People', heading: 'People', body: 'Everyone here.' });

  assert.equal($('title').text(), 'People – Wellwork');
  assert.equal($('html').attr('lang'), 'en');

  // The skip link is the first link on the page and leads to the main content.
  const skip = $('a').first();
  assert.equal(skip.attr('href'), '#main-content');
  assert.equal(skip.text().trim(), 'Skip to main content');
  assert.equal($('main#main-content').length, 1);
  assert.equal($('main h1').text(), 'People');

  // Our stylesheet and favicon; nothing from GOV.UK Frontend's own assets.
  assert.deepEqual(
    $('link[rel="stylesheet"]')
      .map((_, e) => $(e).attr('href'))
      .get(),
    ['/assets/stylesheets/application.css'],
  );
  assert.equal($('link[rel="icon"]').attr('href'), '/assets/images/favicon.svg');
  assert.equal($('link[rel="mask-icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').length, 0);
  assert.equal($('meta[name="theme-color"]').attr('content'), '#106165');

  // No crown, crest, GOV.UK logo, copyright or licence anywhere.
  assert.equal($('svg').length, 0);
  assert.equal(
    $('.govuk-header, .govuk-logo, .govuk-footer__crown, .govuk-footer__copyright-logo').length,
    0,
  );
  assert.equal($('.govuk-footer__licence-logo, .govuk-footer__licence-description').length, 0);
  assert.doesNotMatch($.html(), /crown|crest|Open Government Licence|GOV\.UK/i);

  // The product name leads home.
  const serviceName = $('header .govuk-service-navigation__service-name a');
  assert.equal(serviceName.text().trim(), 'Wellwork');
  assert.equal(serviceName.attr('href'), '/');

  // The navigation, with the current section marked.
  const nav = $('header nav[aria-label="Menu"]');
  assert.deepEqual(
    nav
      .find('a')
      .map((_, e) => $(e).text().trim())
      .get(),
    ['Home', 'People', 'Absence report'],
  );
  assert.equal(nav.find('a[aria-current]').text().trim(), 'People');

  // Sign out is a form, protected from cross-site requests, with a button.
  const signOut = $('header form[action="/sign-out"]');
  assert.equal(signOut.attr('method'), 'post');
  assert.equal(signOut.find('input[name="_csrf"]').val(), 'csrf-token-value');
  assert.equal(signOut.find('button[type="submit"]').text().trim(), 'Sign out');

  // Who is signed in, and the organisation.
  const identity = $('header .moj-identity-bar').text().replace(/\s+/g, ' ');
  assert.match(identity, /Merrowby Council/);
  assert.match(identity, /Signed in as Priya Shah/);

  // The footer's links, and no GOV.UK footer furniture.
  const footer = $('footer');
  assert.equal(footer.length, 1);
  assert.deepEqual(
    footer
      .find('a')
      .map((_, e) => [[$(e).text().trim(), $(e).attr('href')]])
      .get(),
    [
      ['Accessibility statement', '/accessibility'],
      ['Privacy', '/privacy'],
    ],
  );

  // Every script carries this response's nonce, and ours is a module.
  const scripts = $('script');
  assert.ok(scripts.length >= 2);
  scripts.each((_, e) => assert.equal($(e).attr('nonce'), 'nonce-for-this-response'));
  const ours = $('script[src="/assets/javascripts/application.js"]');
  assert.equal(ours.attr('type'), 'module');

  // No phase banner, no back link unless asked for.
  assert.equal($('.govuk-phase-banner, .govuk-back-link').length, 0);
});

test('a signed-out page has no navigation, no sign out and no identity bar', () => {
  const $ = render(PAGE, { ...signedOut, pageTitle: 'Sign in', heading: 'Sign in to Wellwork' });
  assert.equal($('title').text(), 'Sign in – Wellwork');
  assert.equal($('header .govuk-service-navigation__service-name').text().trim(), 'Wellwork');
  assert.equal($('nav').length, 0);
  assert.equal($('form[action="/sign-out"]').length, 0);
  assert.equal($('.moj-identity-bar').length, 0);
  assert.equal($('a.govuk-skip-link').attr('href'), '#main-content');
  assert.doesNotMatch($('body').text(), /Signed in as|Sign out/);
});

test('errors give an error summary and an "Error:" title; a notification shows as a success banner', () => {
  const $ = render(PAGE, {
    ...signedIn,
    pageTitle: 'Record an absence',
    heading: 'Record an absence',
    backLink: '/o/merrowby-council/people/42',
    errors: [
      { text: 'Enter the first day of absence', href: '#startDate-day' },
      { text: 'Choose a reason', href: '#reasonCode' },
    ],
    notification: { title: 'Sickness recorded for <Sam>', text: 'Their manager can see it.' },
  });
  assert.equal($('title').text(), 'Error: Record an absence – Wellwork');
  const main = $('main');
  assert.equal(main.children().first().is('a.govuk-back-link'), true);
  assert.equal(main.find('.govuk-back-link').attr('href'), '/o/merrowby-council/people/42');
  const summary = main.find('.govuk-error-summary');
  assert.equal(summary.find('.govuk-error-summary__title').text().trim(), 'There is a problem');
  assert.deepEqual(
    summary
      .find('.govuk-error-summary__list a')
      .map((_, e) => [[$(e).text().trim(), $(e).attr('href')]])
      .get(),
    [
      ['Enter the first day of absence', '#startDate-day'],
      ['Choose a reason', '#reasonCode'],
    ],
  );
  const banner = main.find('.govuk-notification-banner--success');
  assert.equal(banner.find('.govuk-notification-banner__heading').text(), 'Sickness recorded for <Sam>');
  assert.match(banner.html() ?? '', /&lt;Sam&gt;/);
  assert.equal(banner.find('p').text(), 'Their manager can see it.');

  const withHtml = render(PAGE, {
    ...signedIn,
    pageTitle: 'Account',
    notification: {
      title: 'Account created',
      html: '<p class="govuk-body">Give them <strong>this</strong>.</p>',
    },
  });
  assert.equal(withHtml('.govuk-notification-banner strong').text(), 'this');
  assert.equal(withHtml('title').text(), 'Account – Wellwork');
});

test('a page can set its own title, and ids on a page are unique', () => {
  const $ = render(
    `{% extends "layout.njk" %}{% set pageTitle = "My absence" %}{% block content %}<h1 class="govuk-heading-l">{{ pageTitle }}</h1>{% endblock %}`,
    signedIn,
  );
  assert.equal($('title').text(), 'My absence – Wellwork');
  assert.equal($('h1').text(), 'My absence');
  const ids = $('[id]')
    .map((_, e) => $(e).attr('id'))
    .get();
  assert.deepEqual(ids, [...new Set(ids)]);
});

const FORM = `{% from "macros/form.njk" import csrfField, dateInput %}
<form method="post">{{ csrfField(csrfToken) }}{{ dateInput(params) }}</form>`;

function dateFields($: cheerio.CheerioAPI) {
  return $('input.govuk-date-input__input')
    .map((_, e) => ({
      id: $(e).attr('id'),
      name: $(e).attr('name'),
      value: $(e).attr('value') ?? '',
      error: $(e).hasClass('govuk-input--error'),
    }))
    .get();
}

test('dateInput shows a YYYY-MM-DD value as day, month and year without leading zeros', () => {
  const $ = render(FORM, {
    csrfToken: 'tok',
    params: {
      id: 'startDate',
      legend: 'First day of absence',
      hint: 'For example, 27 3 2026',
      value: '2026-03-05',
    },
  });
  assert.equal($('input[name="_csrf"]').val(), 'tok');
  assert.equal($('legend').text().trim(), 'First day of absence');
  assert.equal($('.govuk-hint').text().trim(), 'For example, 27 3 2026');
  assert.deepEqual(dateFields($), [
    { id: 'startDate-day', name: 'startDate-day', value: '5', error: false },
    { id: 'startDate-month', name: 'startDate-month', value: '3', error: false },
    { id: 'startDate-year', name: 'startDate-year', value: '2026', error: false },
  ]);
  assert.equal($('.govuk-form-group--error, .govuk-error-message').length, 0);
});

test('dateInput marks only the parts of the date that are wrong', () => {
  const $ = render(FORM, {
    params: {
      id: 'endDate',
      name: 'lastDay',
      label: 'Last day of absence',
      value: { day: '31', month: '13', year: '2026' },
      error: { text: 'Last day of absence must be a real date', fields: ['month'] },
    },
  });
  assert.deepEqual(dateFields($), [
    { id: 'endDate-day', name: 'lastDay-day', value: '31', error: false },
    { id: 'endDate-month', name: 'lastDay-month', value: '13', error: true },
    { id: 'endDate-year', name: 'lastDay-year', value: '2026', error: false },
  ]);
  assert.equal($('.govuk-form-group--error').length, 1);
  assert.match($('.govuk-error-message').text(), /Last day of absence must be a real date/);
  assert.equal($('fieldset').attr('aria-describedby'), 'endDate-error');
});

test('dateInput reads the error from the page errors: a whole-date error marks all three fields', () => {
  const values = { 'startDate-day': '1', 'startDate-month': '', 'startDate-year': '' };
  const whole = render(FORM, {
    params: {
      id: 'startDate',
      name: 'startDate',
      legend: 'Start date',
      values,
      errors: [{ text: 'Start date must include a month and year', href: '#startDate-day' }],
    },
  });
  assert.deepEqual(
    dateFields(whole).map((f) => [f.value, f.error]),
    [
      ['1', true],
      ['', true],
      ['', true],
    ],
  );
  const yearOnly = render(FORM, {
    params: {
      id: 'startDate',
      legend: 'Start date',
      value: { day: '1', month: '4', year: '26' },
      errors: [
        { text: 'Enter a name', href: '#name' },
        { text: 'Year must include 4 numbers', href: '#startDate-year' },
      ],
    },
  });
  assert.deepEqual(
    dateFields(yearOnly).map((f) => f.error),
    [false, false, true],
  );
  assert.match(yearOnly('.govuk-error-message').text(), /Year must include 4 numbers/);

  const unrelated = render(FORM, {
    params: { id: 'startDate', legend: 'Start date', errors: [{ text: 'Enter a name', href: '#name' }] },
  });
  assert.equal(unrelated('.govuk-error-message').length, 0);
  assert.deepEqual(
    dateFields(unrelated).map((f) => f.error),
    [false, false, false],
  );
});

test('dateInput takes a plain error message, a page-heading legend and date-of-birth autocomplete', () => {
  const $ = render(FORM, {
    params: {
      id: 'dateOfBirth',
      legend: {
        text: 'What is your date of birth?',
        isPageHeading: true,
        classes: 'govuk-fieldset__legend--l',
      },
      error: 'Enter your date of birth',
      autocompletePrefix: 'bday',
    },
  });
  assert.equal($('legend h1').text().trim(), 'What is your date of birth?');
  assert.deepEqual(
    dateFields($).map((f) => f.error),
    [true, true, true],
  );
  assert.deepEqual(
    $('input.govuk-date-input__input')
      .map((_, e) => $(e).attr('autocomplete'))
      .get(),
    ['bday-day', 'bday-month', 'bday-year'],
  );
});

test('the error pages say what happened and nothing more', () => {
  const notFound = renderFile('errors/not-found.njk', signedIn);
  assert.equal(notFound('title').text(), 'Page not found – Wellwork');
  assert.equal(notFound('h1').text(), 'Page not found');

  const forbidden = renderFile('errors/forbidden.njk', signedIn);
  assert.equal(forbidden('h1').text(), 'You cannot see this page');
  assert.match(forbidden('main').text(), /does not give you access/);

  const expired = renderFile('errors/forbidden.njk', {
    ...signedIn,
    pageTitle: 'Your form has expired',
    message: 'The form you sent had expired. Go back, refresh the page and try again.',
  });
  assert.equal(expired('h1').text(), 'Your form has expired');
  assert.match(expired('main').text(), /had expired/);

  const badRequest = renderFile('errors/bad-request.njk', signedOut);
  assert.equal(badRequest('h1').text(), 'There is a problem');

  const serverError = renderFile('errors/server-error.njk', { ...signedOut, pageTitle: undefined });
  assert.equal(serverError('title').text(), 'Sorry, there is a problem with the service – Wellwork');
  assert.equal(serverError('h1').text(), 'Sorry, there is a problem with the service');
  assert.equal(serverError('main a').attr('href'), '/');
});

test('the accessibility statement and privacy pages render with headings in order', () => {
  for (const [template, title, needed] of [
    [
      'accessibility.njk',
      'Accessibility statement – Wellwork',
      /WCAG\) version 2\.2[\s\S]*level AA[\s\S]*Accessibility Regulations 2018/,
    ],
    ['privacy.njk', 'Privacy – Wellwork', /special category data[\s\S]*clinical notes[\s\S]*fewer than 5/],
  ] as const) {
    const $ = renderFile(template, signedOut);
    assert.equal($('title').text(), title);
    assert.equal($('main h1').length, 1);
    assert.match($('main').text(), needed);
    const levels = $('main h1, main h2, main h3')
      .map((_, e) => Number(e.tagName.slice(1)))
      .get();
    assert.equal(levels[0], 1);
    for (let i = 1; i < levels.length; i++) {
      assert.ok(
        (levels[i] ?? 0) <= (levels[i - 1] ?? 0) + 1,
        `${template}: heading levels ${levels.join(',')}`,
      );
    }
  }
});
