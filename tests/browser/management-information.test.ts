/**
 * Management information as HR and a head of service read it, on the demo partnership: the
 * overview, the organisation's and a directorate's scorecards, the hotspots and a mistake in the
 * period, with and without JavaScript. Every page visited is checked with axe-core.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoPartnership } from '../../src/modules/demo/demo-partnership.ts';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { browserSuite, Journey } from './journey.ts';

const suite = browserSuite(async (services) => {
  await loadDemo(services);
});

const account = (role: 'hr' | 'line_manager') => {
  const found = demoPartnership()
    .organisations.find((o) => o.slug === 'merrowby-council')
    ?.accounts.find((a) => a.roles.includes(role));
  assert.ok(found, `a demo ${role}`);
  return found;
};

for (const javaScript of [true, false]) {
  test(`HR reads the scorecard and the hotspots ${javaScript ? 'with' : 'without'} JavaScript`, async () => {
    const hr = await Journey.start(suite(), { javaScript });
    await hr.signIn(account('hr').email, account('hr').password);
    await hr.clickLink('Management information');
    assert.equal(await hr.heading(), 'Management information');
    await hr.page.getByRole('heading', { name: 'Scorecard' }).getByRole('link').click();
    await hr.scan();
    assert.match(await hr.heading(), /^Scorecard: Merrowby /);
    assert.match(await hr.text(), /The 12 full calendar months from/);
    assert.ok(await hr.page.locator('img.app-chart__image').count(), 'the trend chart');

    // A directorate's scorecard, from the organisation's table of directorates.
    const first = hr.page.locator('#table-units tbody th a').first();
    const directorate = (await first.innerText()).trim();
    await hr.navigate(() => first.click());
    assert.equal(await hr.heading(), `Scorecard: ${directorate}`);

    // The same through the form.
    await hr.page.getByLabel('Organisation, directorate or service').selectOption({ index: 0 });
    await hr.clickButton('Show scorecard');
    assert.match(await hr.heading(), /^Scorecard: Merrowby /);

    await hr.page
      .getByRole('navigation', { name: 'Management information pages' })
      .getByRole('link', { name: 'Hotspots' })
      .click();
    await hr.scan();
    assert.equal(await hr.heading(), 'Hotspots');
    assert.match(await hr.text(), /Higher than expected for their size/);
    await hr.page.getByLabel('Services').check();
    await hr.clickButton('Show hotspots');
    assert.match(await hr.text(), /Services, /);

    // A mistake in the period is explained, with nothing else shown.
    await hr.page.getByLabel('Another period').check();
    await hr.fillDate('From', '2025-02-30');
    await hr.fillDate('To', '2025-03-31');
    await hr.clickButton('Show hotspots');
    assert.match(
      await hr.page.locator('.govuk-error-summary').innerText(),
      /The start of the period must be a real date/,
    );
    assert.equal(await hr.page.locator('.govuk-error-summary a').first().getAttribute('href'), '#from-day');
    assert.equal(await hr.page.locator('#from-day').inputValue(), '30', 'the date comes back as typed');
    await hr.close();
  });
}

test('HR reads the absence report by a period chosen from a list, and how the figures are worked out', async () => {
  const hr = await Journey.start(suite());
  await hr.signIn(account('hr').email, account('hr').password);
  await hr.clickLink('Absence report');
  assert.equal(await hr.heading(), 'Absence report');
  const table = hr.page.locator('#report-table');
  assert.deepEqual(
    (await table.locator('thead th').allInnerTexts()).map((t) => t.trim()),
    ['Unit', 'Average FTE', 'FTE days lost', 'Days lost per FTE', 'Absence rate (%)', 'Episodes', 'Cost (£)'],
  );
  assert.match(await table.locator('tbody tr').last().locator('th').innerText(), /^All of Merrowby /);
  // At a laptop's width the table fits without scrolling sideways.
  assert.equal(await hr.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);

  await hr.page.getByLabel('Last financial year (April to March)').check();
  await hr.page.getByLabel('Group by').selectOption({ label: 'Staff group' });
  await hr.clickButton('Show report');
  assert.match(await hr.page.locator('main h2').first().innerText(), /^1 April \d{4} to 31 March \d{4}$/);
  assert.equal(await table.locator('thead th').first().innerText(), 'Staff group');

  // Staff groups are the organisation's own, from a list.
  const staffGroups = await hr.page
    .getByLabel('Staff group', { exact: true })
    .locator('option')
    .allInnerTexts();
  assert.ok(staffGroups.length > 2, 'the organisation’s staff groups');
  await hr.page.getByLabel('Staff group', { exact: true }).selectOption({ index: 1 });
  await hr.clickButton('Show report');
  assert.equal(await hr.heading(), 'Absence report');
  assert.equal(await hr.page.locator('.govuk-error-summary').count(), 0);

  // On a phone, the rows read as cards: nothing scrolls sideways.
  await hr.page.setViewportSize({ width: 320, height: 800 });
  assert.equal(await hr.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true);
  await hr.page.setViewportSize({ width: 1280, height: 800 });

  await hr.navigate(() =>
    hr.page.getByRole('link', { name: 'How the figures are worked out' }).first().click(),
  );
  assert.equal(await hr.heading(), 'How the figures are worked out');
  assert.match(await hr.text(), /Days lost per FTE/);
  assert.match(await hr.text(), /fewer than 5/);

  // The trends say where the records begin rather than drawing months of 0%.
  await hr.goto('/o/merrowby-council/management-information/trends');
  assert.match(await hr.heading(), /^Trends: Merrowby /);
  assert.match(
    await hr.text(),
    /The sickness records begin in \w+ \d{4}\. The months before then have no figures/,
  );
  await hr.close();
});

test('a head of service reads the same pages with small numbers suppressed', async () => {
  const manager = await Journey.start(suite());
  await manager.signIn(account('line_manager').email, account('line_manager').password);
  await manager.clickLink('Management information');
  await manager.page.getByRole('heading', { name: 'Scorecard' }).getByRole('link').click();
  await manager.scan();
  assert.match(await manager.text(), /counts below 5 are shown as “fewer than 5”/);
  await manager.page
    .getByRole('navigation', { name: 'Management information pages' })
    .getByRole('link', { name: 'Hotspots' })
    .click();
  await manager.scan();
  assert.equal(await manager.heading(), 'Hotspots');
  await manager.close();
});

test('HR reads the board pack and the benchmarks, and adds a benchmark of their own, without JavaScript', async () => {
  const hr = await Journey.start(suite(), { javaScript: false });
  await hr.signIn(account('hr').email, account('hr').password);
  await hr.clickLink('Management information');
  await hr.navigate(() => hr.page.getByRole('heading', { name: 'Board pack' }).getByRole('link').click());
  assert.match(await hr.heading(), /^Board pack: Merrowby .*, 12 months to /);
  for (const section of ['Headline against target', 'Trend over the 12 months', 'Hotspots', 'Top reasons']) {
    assert.ok(await hr.page.getByRole('heading', { name: new RegExp(section) }).count(), section);
  }
  assert.ok((await hr.page.locator('img.app-chart__image').count()) >= 2, 'charts, each with its table');

  // A directorate's pack, through the form.
  await hr.page.getByLabel('Organisation or directorate').selectOption({ index: 1 });
  await hr.clickButton('Show board pack');
  assert.doesNotMatch(await hr.heading(), /^Board pack: Merrowby /);

  // Printed, the pack leaves off the menus, the form and the download links.
  await hr.page.emulateMedia({ media: 'print' });
  assert.equal(await hr.page.locator('.moj-sub-navigation').isVisible(), false);
  assert.equal(await hr.page.locator('form.app-no-print').isVisible(), false);
  assert.equal(await hr.page.locator('#table-headline').isVisible(), true);
  await hr.page.emulateMedia({ media: 'screen' });

  await hr.navigate(() =>
    hr.page
      .getByRole('navigation', { name: 'Management information pages' })
      .getByRole('link', { name: 'Benchmarks' })
      .click(),
  );
  assert.equal(await hr.heading(), 'Benchmarks');
  assert.match(await hr.text(), /Office for National Statistics/);
  await hr.clickButton('Add a benchmark');
  await hr.clickButton('Add benchmark');
  assert.match(await hr.page.locator('.govuk-error-summary').innerText(), /Enter the benchmark’s name/);
  await hr.fill('Name', 'North West councils');
  await hr.page.getByLabel('Absence rate (% of working time lost to sickness)').check();
  await hr.fill('Figure', '4.1');
  await hr.fill('Period it covers', '2024-25');
  await hr.fill('Source', 'North West Employers, sickness absence survey 2024-25');
  await hr.clickButton('Add benchmark');
  assert.equal(await hr.heading(), 'Benchmarks');
  assert.match(await hr.text(), /Benchmark added: North West councils/);
  assert.match(await hr.page.locator('#table-benchmarks').innerText(), /Added by Merrowby/);

  await hr.navigate(() =>
    hr.page
      .getByRole('navigation', { name: 'Management information pages' })
      .getByRole('link', { name: 'Policy comparison' })
      .click(),
  );
  assert.equal(await hr.heading(), 'Policy comparison');
  await hr.close();
});

test('HR follows a hotspot from the scorecard to the unit’s trend and downloads its CSV, then reads the reasons and the cost', async () => {
  const hr = await Journey.start(suite());
  await hr.signIn(account('hr').email, account('hr').password);
  await hr.clickLink('Management information');
  await hr.navigate(() => hr.page.getByRole('heading', { name: 'Scorecard' }).getByRole('link').click());
  assert.match(await hr.heading(), /^Scorecard: Merrowby /);
  const subNavigation = (name: string) =>
    hr.navigate(() =>
      hr.page
        .getByRole('navigation', { name: 'Management information pages' })
        .getByRole('link', { name })
        .click(),
    );
  await subNavigation('Hotspots');

  // The first unit higher than expected for its size, to its trend.
  const hotspot = hr.page.locator('h3:has-text("Higher than expected") ~ ul li').first();
  const unitPath = (await hotspot.locator('a').first().innerText()).trim();
  await hr.navigate(() => hotspot.getByRole('link', { name: `trend of ${unitPath}` }).click());
  const unitName = unitPath.split(' > ').at(-1) ?? unitPath;
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.equal(await hr.heading(), `Trends: ${unitName}`);
  assert.match(await hr.text(), new RegExp(`These are the 3 years from .* for ${escaped(unitPath)}`));
  assert.equal(
    await hr.page.locator('img.app-chart__image').count(),
    2,
    'the rate and the days lost per FTE',
  );
  assert.ok(await hr.page.locator('#table-total caption').count());

  // Its table as CSV: a heading row and 36 months.
  const [download] = await Promise.all([
    hr.page.waitForEvent('download'),
    // The visually hidden caption may be read with a space before its colon.
    hr.page.getByRole('link', { name: new RegExp(`^CSV\\s*: All of ${escaped(unitName)}`) }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^trends-merrowby-council-unit-\d+-none-.*-total\.csv$/);
  const stream = await download.createReadStream();
  let body = '';
  for await (const chunk of stream) body += String(chunk);
  const lines = body.trim().split(/\r?\n/);
  assert.match(lines[0] ?? '', /^Month,Absence rate \(%\),Absence rate a year before \(%\),/);
  assert.equal(lines.length, 37);

  // A line per staff group over 5 years, through the form.
  await hr.page.getByLabel('5 years').check();
  await hr.page.getByLabel('A line per staff group').check();
  await hr.clickButton('Show trends');
  assert.match(await hr.text(), /These are the 5 years from/);

  await subNavigation('Reasons');
  assert.match(await hr.heading(), /^Reasons for sickness: Merrowby /);
  assert.ok(await hr.page.locator('#table-reasons caption').count());
  await hr.page.getByLabel('Month by month').check();
  await hr.clickButton('Show reasons');
  assert.match(await hr.page.locator('#table-over-time').innerText(), /^Share of FTE days lost/);

  await subNavigation('Cost of absence');
  assert.match(await hr.heading(), /^Cost of absence: Merrowby /);
  assert.match(await hr.text(), /on-costs of \d+/);
  const directorate = hr.page.locator('#table-units tbody th a').first();
  const directorateName = (await directorate.innerText()).trim();
  await hr.navigate(() => directorate.click());
  assert.equal(await hr.heading(), `Cost of absence: ${directorateName}`);
  assert.match(await hr.page.locator('#table-units caption').innerText(), /by service$/);
  await hr.close();
});

test('a head of service reads the trends, the reasons and the cost with small numbers suppressed', async () => {
  const manager = await Journey.start(suite(), { javaScript: false });
  await manager.signIn(account('line_manager').email, account('line_manager').password);
  await manager.clickLink('Management information');
  await manager.navigate(() =>
    manager.page.getByRole('heading', { name: 'Trends' }).getByRole('link').click(),
  );
  assert.match(await manager.heading(), /^Trends: Merrowby /);
  await manager.page.getByLabel('A line per directorate').check();
  await manager.clickButton('Show trends');
  assert.ok(await manager.page.getByText('Month by month for ').count(), 'the directorates’ tables, folded');
  assert.match(await manager.text(), /counts below 5 are shown as “fewer than 5”/);
  for (const page of ['Reasons', 'Cost of absence']) {
    await manager.navigate(() =>
      manager.page
        .getByRole('navigation', { name: 'Management information pages' })
        .getByRole('link', { name: page })
        .click(),
    );
    assert.match(await manager.text(), /counts below 5 are shown as “fewer than 5”/);
  }
  assert.doesNotMatch(await manager.text(), /no salary recorded add no cost:/);
  await manager.close();
});
