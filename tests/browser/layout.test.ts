/**
 * Every demo role's main pages fit the window: at 1280 px the navigation is one row and "Sign out"
 * shares its row with the product's name; at 1280 and 320 px no page scrolls sideways, except
 * inside a table's own labelled, focusable scrolling region. Every page visited is checked with
 * axe-core at 1280 px.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoPartnership } from '../../src/modules/demo/demo-partnership.ts';
import { loadDemo } from '../../src/modules/demo/load-demo.ts';
import { browserSuite, Journey } from './journey.ts';

const suite = browserSuite(async (services) => {
  await loadDemo(services);
});

/** One demo account for each role, the first found. */
function accountPerRole() {
  const seen = new Map<string, { email: string; password: string; org: string }>();
  for (const organisation of demoPartnership().organisations) {
    for (const account of organisation.accounts) {
      for (const role of account.roles) {
        if (!seen.has(role))
          seen.set(role, { email: account.email, password: account.password, org: organisation.slug });
      }
    }
  }
  return [...seen.entries()];
}

/** A journey signed in at 1280 px as the first demo account with `role`, and that account. */
async function signedInAs(role: string) {
  const [, account] = accountPerRole().find(([r]) => r === role) ?? [];
  assert.ok(account, `a demo account with the role ${role}`);
  const journey = await Journey.start(suite());
  await journey.page.setViewportSize({ width: 1280, height: 900 });
  await journey.signIn(account.email, account.password);
  return { journey, account };
}

/** What sticks out past the window's right edge, outside a scrolling region: empty when nothing does. */
async function overflowing(journey: Journey): Promise<string[]> {
  // Written without named functions: the page runs it as it is, without the test's helpers.
  return journey.page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const wide = Array.from(document.querySelectorAll('body *')).filter((e) => {
      if (e.getBoundingClientRect().right <= width + 0.5) return false;
      for (let at = e.parentElement; at && at !== document.body; at = at.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(at).overflowX)) return false;
      }
      return true;
    });
    return [
      `scrollWidth ${document.documentElement.scrollWidth} > ${width}`,
      ...wide
        .filter((e) => !wide.some((other) => other !== e && e.contains(other)))
        .slice(0, 5)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')}: ${(e.textContent ?? '').trim().slice(0, 60)}`,
        ),
    ];
  });
}

for (const [role, account] of accountPerRole()) {
  test(`${role}: every main page fits at 1280 and 320 px, with the navigation on one row at 1280`, async () => {
    const journey = await Journey.start(suite());
    try {
      await journey.page.setViewportSize({ width: 1280, height: 900 });
      await journey.signIn(account.email, account.password);
      const links = await journey.page
        .getByRole('navigation', { name: 'Menu' })
        .getByRole('link')
        .evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      assert.ok(links.length > 0, 'a navigation');

      // The navigation on one row, and "Sign out" beside the product's name, not on a line alone.
      const rows = await journey.page.evaluate(() =>
        [
          ...Array.from(document.querySelectorAll('nav[aria-label="Menu"] li')),
          document.querySelector('.app-sign-out__button'),
          document.querySelector('.govuk-service-navigation__service-name'),
        ].map((e) => Math.round(e?.getBoundingClientRect().top ?? -1)),
      );
      const [name = -1, signOut = -1] = rows.splice(-2).reverse();
      assert.equal(new Set(rows).size, 1, `${role}'s navigation is one row: ${rows.join(', ')}`);
      assert.ok(Math.abs(signOut - name) < 20, `"Sign out" is on the product name's row`);

      // Each page is scanned with axe once, at 1280 px; at 320 px only its width is checked.
      for (const width of [1280, 320]) {
        await journey.page.setViewportSize({ width, height: 900 });
        for (const path of links) {
          if (width === 1280) await journey.goto(path);
          else await journey.page.goto(new URL(path, journey.page.url()).href);
          assert.deepEqual(await overflowing(journey), [], `${path} at ${width} px`);
        }
      }
    } finally {
      await journey.close();
    }
  });
}

test('the hotspots table names each team first, the units above it smaller', async () => {
  const { journey, account: hr } = await signedInAs('hr');
  try {
    await journey.goto(`/o/${hr.org}/management-information/hotspots`);
    const [name = 0, parent = 0] = await journey.page.evaluate(() => {
      const header = document.querySelector('table tbody th:has(.app-table__hint)');
      return [header?.querySelector('a') ?? header, header?.querySelector('.app-table__hint')].map((e) =>
        Number.parseFloat(e ? getComputedStyle(e).fontSize : '0'),
      );
    });
    assert.ok(parent > 0 && parent < name, `${parent} < ${name}`);
  } finally {
    await journey.close();
  }
});

test('a team’s month shows every day at 1280 px, and scrolls in its own region at 320 px', async () => {
  const { journey, account: manager } = await signedInAs('line_manager');
  try {
    // A month of 31 days.
    await journey.goto(`/o/${manager.org}/team?month=2026-10`);
    const fits = async () =>
      journey.page.evaluate(() => {
        const table = document.querySelector('table.app-calendar');
        const region = table?.closest('[role="region"]');
        return {
          days: table?.querySelectorAll('thead th.app-calendar__day').length ?? 0,
          tableWidth: table?.scrollWidth ?? 0,
          regionWidth: region?.clientWidth ?? 0,
          label: region?.getAttribute('aria-label') ?? '',
          focusable: region?.getAttribute('tabindex') === '0',
        };
      });
    const wide = await fits();
    assert.equal(wide.days, 31);
    assert.ok(wide.tableWidth <= wide.regionWidth, `${wide.tableWidth} fits in ${wide.regionWidth}`);
    await journey.page.setViewportSize({ width: 320, height: 900 });
    await journey.goto(`/o/${manager.org}/team?month=2026-10`);
    const narrow = await fits();
    assert.ok(narrow.label && narrow.focusable, 'a labelled, focusable region');
    assert.deepEqual(await overflowing(journey), []);
  } finally {
    await journey.close();
  }
});

test('a person’s page fits at 320 px: its tables scroll in labelled regions and dates stay whole', async () => {
  const { journey, account: hr } = await signedInAs('hr');
  try {
    await journey.goto(`/o/${hr.org}/people`);
    const people = await journey.page
      .locator('main table tbody a')
      .evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    await journey.page.setViewportSize({ width: 320, height: 900 });
    let checked = 0;
    for (const path of people.slice(0, 20)) {
      await journey.page.goto(new URL(path, journey.page.url()).href);
      if ((await journey.page.locator('.app-table__cell--date').count()) < 3) continue;
      assert.deepEqual(await overflowing(journey), [], `${path} at 320 px`);
      const tables = await journey.page.evaluate(() =>
        Array.from(document.querySelectorAll('main table')).map((table) => {
          const region = table.closest('.app-table-scroll');
          return {
            region: region?.getAttribute('role') === 'region' && region.getAttribute('tabindex') === '0',
            label: region?.getAttribute('aria-label') ?? '',
          };
        }),
      );
      assert.ok(tables.length >= 2);
      for (const t of tables) assert.ok(t.region && t.label, JSON.stringify(tables));
      // Each date on one line: its words make a single line box.
      const broken = await journey.page.evaluate(() =>
        Array.from(document.querySelectorAll('.app-table__cell--date'))
          .filter((cell) => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size > 1;
          })
          .map((cell) => cell.textContent?.trim()),
      );
      assert.deepEqual(broken, [], `${path}: dates on one line`);
      checked += 1;
      if (checked === 2) break;
    }
    assert.ok(checked > 0, 'a person with absences and employment history');
  } finally {
    await journey.close();
  }
});
