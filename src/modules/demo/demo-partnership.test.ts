import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, isRealDate } from '../../domain/dates.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import type { Role } from '../../domain/roles.ts';
import { DEMO_AS_OF, demoPartnership, type DemoOrganisation, type DemoPerson } from './demo-partnership.ts';

const demo = demoPartnership();
const organisation = (slug: string): DemoOrganisation => {
  const found = demo.organisations.find((o) => o.slug === slug);
  assert.ok(found, slug);
  return found;
};
const council = organisation('merrowby-council');
const trust = organisation('merrowby-nhs');
const police = organisation('fellshire-police');
const path = (p: DemoPerson) => p.unitPath.join(' > ');
/** The default demo and a dozen others, so that what must always hold is checked for many seeds. */
const partnerships = [
  { seed: 20261123, asOf: DEMO_AS_OF, demo },
  ...[1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144].map((seed) => ({
    seed,
    asOf: DEMO_AS_OF,
    demo: demoPartnership(seed),
  })),
  { seed: 99, asOf: '2031-02-28', demo: demoPartnership(99, { asOf: '2031-02-28' }) },
];
const everyOrganisation = partnerships.flatMap(({ seed, asOf, demo: partnership }) =>
  partnership.organisations.map((o) => ({ o, seed, asOf, label: `${o.slug} (seed ${seed})` })),
);
const workingDays = (p: DemoPerson) => p.hours.filter((h) => h > 0).length;

test('the same seed gives the same partnership every time; another seed gives other people', () => {
  assert.deepEqual(demoPartnership(), demo);
  assert.deepEqual(demoPartnership(20261123), demo);
  const other = demoPartnership(7);
  assert.notDeepEqual(
    other.organisations.map((o) => o.people.map((p) => `${p.firstName} ${p.lastName} ${p.startDate}`)),
    demo.organisations.map((o) => o.people.map((p) => `${p.firstName} ${p.lastName} ${p.startDate}`)),
  );
  // The structure and the sign-ins are the organisation's, whatever the seed.
  assert.deepEqual(
    other.organisations.map((o) => [o.slug, o.people.length, o.accounts.map((a) => a.email)]),
    demo.organisations.map((o) => [o.slug, o.people.length, o.accounts.map((a) => a.email)]),
  );
});

test('five organisations and about 2,000 people, the council leading and the police force providing OH', () => {
  assert.deepEqual(
    demo.organisations.map((o) => [o.slug, o.sector]),
    [
      ['merrowby-council', 'local_government'],
      ['merrowby-nhs', 'nhs'],
      ['riverside-homes', 'housing'],
      ['northfold-retail', 'private'],
      ['fellshire-police', 'police'],
    ],
  );
  const sizes = Object.fromEntries(demo.organisations.map((o) => [o.sector, o.people.length]));
  const within = (sector: string, low: number, high: number) => {
    const n = sizes[sector] ?? 0;
    assert.ok(n >= low && n <= high, `${sector} has ${n} people`);
  };
  within('local_government', 650, 750);
  within('nhs', 650, 750);
  within('housing', 170, 230);
  within('private', 170, 230);
  within('police', 220, 280);
  const total = demo.organisations.reduce((n, o) => n + o.people.length, 0);
  assert.ok(total >= 1900 && total <= 2200, `${total} people`);
  assert.deepEqual(
    demo.organisations.filter((o) => o.isLead).map((o) => o.slug),
    ['merrowby-council'],
  );
  assert.deepEqual(
    demo.organisations.filter((o) => o.providesOccupationalHealth).map((o) => o.slug),
    ['fellshire-police'],
  );
  assert.equal(council.targetDaysPerFte, 10);
  assert.deepEqual(
    demo.organisations.map((o) => o.fullTimeHours),
    [37, 37.5, 36, 35, 40],
  );
  assert.ok(demo.organisations.some((o) => o.policyModel === 'trigger_based'));
  assert.ok(demo.organisations.some((o) => o.policyModel === 'person_centred'));
  // The council's Place directorate keeps the trigger-based policy, so the policy comparison has
  // units on both sides within one organisation.
  assert.deepEqual(council.unitPolicies, [{ path: 'Place', policyModel: 'trigger_based' }]);
  assert.ok(council.people.some((p) => p.unitPath[0] === 'Place'));
});

test('the names are invented, not those of the organisations in the seeds', () => {
  const text = JSON.stringify(demo);
  for (const real of [
    'Sefton',
    'Norfolk',
    'Cumbria',
    'Tameside',
    'Northern Care Alliance',
    'Aintree',
    'Merseycare',
  ])
    assert.ok(!text.includes(real), real);
});

test('units form a tree at least two levels deep, like the seeds’ directorates, services and teams', () => {
  for (const { o, label } of everyOrganisation) {
    for (const p of o.people) {
      assert.ok(p.unitPath.length >= 2, `${label} ${p.employeeNumber} is in ${path(p)}`);
      for (const level of p.unitPath)
        assert.ok(level.trim() === level && level !== '' && !level.includes('>'));
    }
    assert.ok(
      o.people.some((p) => p.unitPath.length >= 3),
      `${label} has teams within services`,
    );
  }
  const paths = (o: DemoOrganisation) => new Set(o.people.map(path));
  assert.ok(paths(council).has('Adult Social Care > Home Care > North Team'));
  assert.ok(paths(council).has('Place > Waste and Recycling > Collections'));
  assert.ok(paths(council).has('Corporate Resources > Human Resources > HR Delivery'));
  assert.ok([...paths(council)].some((p) => p.startsWith("Children's Services > ")));
  assert.ok(paths(trust).has('Medicine > Respiratory > Ward 12'));
  assert.ok(paths(police).has('Operations > Response > North Sector > Team 1'));
  assert.ok(paths(police).has('People Services > Occupational Health Unit'));
});

test('every manager is a current colleague in the same organisation, with no cycles, up to one chief executive', () => {
  for (const { o, label } of everyOrganisation) {
    const byNumber = new Map(o.people.map((p) => [p.employeeNumber, p]));
    const tops = o.people.filter((p) => p.managerEmployeeNumber === null);
    assert.equal(tops.length, 1, `${label} has one person at the top`);
    const chief = tops[0];
    assert.ok(chief);
    for (const p of o.people) {
      const seen = new Set<string>([p.employeeNumber]);
      let chain = 0;
      for (let m = p.managerEmployeeNumber; m !== null; m = byNumber.get(m)?.managerEmployeeNumber ?? null) {
        const manager = byNumber.get(m);
        assert.ok(manager, `${p.employeeNumber}'s manager ${m} is in ${label}`);
        assert.equal(manager.endDate, null, `${p.employeeNumber}'s manager ${m} still works there`);
        assert.ok(!seen.has(m), `no cycle through ${m}`);
        seen.add(m);
        chain++;
      }
      if (p !== chief) assert.ok(seen.has(chief.employeeNumber), `${p.employeeNumber} reports up to the top`);
      // Reporting lines follow the unit tree: a manager other than the chief is in the same directorate.
      const direct: DemoPerson | undefined =
        p.managerEmployeeNumber === null ? undefined : byNumber.get(p.managerEmployeeNumber);
      if (direct && direct !== chief) assert.equal(direct.unitPath[0], p.unitPath[0]);
      if (p.unitPath.length >= 3 && p.jobTitle !== chief.jobTitle)
        assert.ok(chain >= 3, `${p.employeeNumber} in ${path(p)} has team leader, head and director above`);
    }
  }
  // A home care worker reports to a senior, the team manager, the head of home care, the
  // director and the chief executive.
  const byNumber = new Map(council.people.map((p) => [p.employeeNumber, p]));
  const worker = council.people.find((p) => p.jobTitle === 'Home Care Worker');
  assert.ok(worker);
  const titles: string[] = [];
  for (let m = worker.managerEmployeeNumber; m !== null; m = byNumber.get(m)?.managerEmployeeNumber ?? null)
    titles.push(byNumber.get(m)?.jobTitle ?? '');
  assert.deepEqual(titles, [
    'Senior Home Care Worker',
    'Home Care Team Manager',
    'Head of Home Care',
    'Director of Adult Social Care',
    'Chief Executive',
  ]);
});

test('employee numbers and email addresses are unique within each organisation', () => {
  for (const { o, label } of everyOrganisation) {
    assert.equal(new Set(o.people.map((p) => p.employeeNumber)).size, o.people.length, label);
    assert.equal(new Set(o.people.map((p) => p.email)).size, o.people.length, label);
    for (const p of o.people) {
      assert.match(p.employeeNumber, /^[A-Z]*\d+$/);
      assert.match(p.email, /^[a-z.0-9]+@[a-z-]+\.example$/);
      assert.ok(p.firstName && p.lastName && p.jobTitle && p.staffGroup);
    }
  }
});

test('weekly patterns add up to the weekly hours: full time, part time and seven-day rotas', () => {
  for (const { o, label } of everyOrganisation) {
    for (const p of o.people) {
      assert.equal(p.hours.length, 7);
      for (const h of p.hours) assert.ok(h >= 0 && h <= 24, `${p.employeeNumber} works ${h} hours a day`);
      const sum = p.hours.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - p.weeklyHours) < 1e-9, `${p.employeeNumber}: ${sum} ≠ ${p.weeklyHours}`);
      assert.ok(p.weeklyHours > 0 && p.weeklyHours <= o.fullTimeHours + 1e-9, `${p.employeeNumber} hours`);
      // Only rota workers work weekends; they work bank holidays too.
      if (p.hours[5] > 0 || p.hours[6] > 0) assert.ok(p.worksBankHolidays, p.employeeNumber);
    }
    const partTime = o.people.filter((p) => p.weeklyHours < o.fullTimeHours - 1e-9);
    assert.ok(partTime.length >= o.people.length * 0.05, `${label} has part-timers`);
    assert.ok(
      o.people.some((p) => p.weeklyHours === o.fullTimeHours && workingDays(p) === 5 && !p.worksBankHolidays),
      `${label} has full-timers working Monday to Friday`,
    );
  }
  assert.ok(
    trust.people.some((p) => p.weeklyHours === 22.5 && workingDays(p) === 3),
    '22.5 hours over 3 days',
  );
  assert.ok(
    trust.people.some((p) => p.jobTitle === 'Staff Nurse' && p.worksBankHolidays && p.hours.includes(12.5)),
    'nurses on long days',
  );
  for (const [o, title] of [
    [council, 'Home Care Worker'],
    [trust, 'Staff Nurse'],
    [police, 'Police Constable'],
  ] as const) {
    const rota = o.people.filter((p) => p.jobTitle === title);
    assert.ok(
      rota.every((p) => p.worksBankHolidays),
      `${title}s work bank holidays`,
    );
    assert.ok(
      rota.some((p) => p.hours[5] > 0 || p.hours[6] > 0),
      `${title}s work weekends`,
    );
  }
  assert.ok(
    council.people.some((p) => p.weeklyHours === 37 && workingDays(p) === 4 && !p.worksBankHolidays),
    'some work compressed hours',
  );
});

test('dates are real, start before they end, spread over 20 years, with new starters and leavers', () => {
  for (const { o, asOf, label } of everyOrganisation) {
    const lastYear = addDays(asOf, -365);
    const twentyYearsAgo = addDays(asOf, -(20 * 365 + 5));
    for (const p of o.people) {
      assert.ok(isRealDate(p.startDate), p.startDate);
      assert.ok(p.startDate <= asOf && p.startDate >= twentyYearsAgo, p.startDate);
      if (p.endDate !== null) {
        assert.ok(isRealDate(p.endDate), p.endDate);
        assert.ok(p.endDate >= p.startDate && p.endDate < asOf, `${p.startDate}–${p.endDate}`);
      }
    }
    const starters = o.people.filter((p) => p.startDate > lastYear).length;
    const leavers = o.people.filter((p) => p.endDate !== null).length;
    assert.ok(starters >= o.people.length * 0.04, `${label} has ${starters} new starters`);
    assert.ok(leavers >= o.people.length * 0.02, `${label} has ${leavers} leavers`);
    const starts = o.people.map((p) => p.startDate).sort();
    assert.ok((starts[0] ?? '') <= addDays(asOf, -17 * 365), `${label} earliest ${starts[0]}`);
  }
});

test('another date moves the whole workforce with it', () => {
  const later = demoPartnership(20261123, { asOf: '2030-06-30' });
  const people = later.organisations.flatMap((o) => o.people);
  assert.ok(people.every((p) => p.startDate <= '2030-06-30' && (p.endDate ?? '') < '2030-06-30'));
  assert.ok(people.some((p) => p.startDate > '2029-07-01'));
  assert.throws(() => demoPartnership(1, { asOf: '2026-02-30' }), RangeError);
});

test('staff groups are those each sector uses', () => {
  const groups = (o: DemoOrganisation) => new Set(o.people.map((p) => p.staffGroup));
  for (const group of [
    'Nursing and Midwifery Registered',
    'Additional Clinical Services',
    'Admin and Clerical',
    'Estates and Ancillary',
    'Allied Health Professionals',
    'Medical and Dental',
  ])
    assert.ok(groups(trust).has(group), group);
  for (const group of ['Social Care', 'Professional', 'Manual', 'Admin'])
    assert.ok(groups(council).has(group), group);
  assert.deepEqual([...groups(police)].sort(), ['PCSO', 'Police Officer', 'Police Staff']);
});

test('pay is realistic: pro rata to hours, on the scales, with a few salaries unknown', () => {
  const all = demo.organisations.flatMap((o) => o.people);
  const unknown = all.filter((p) => p.annualSalary === null).length;
  assert.ok(unknown > 0 && unknown < all.length * 0.05, `${unknown} without a salary`);
  for (const p of all)
    if (p.annualSalary !== null) assert.ok(p.annualSalary >= 3_000 && p.annualSalary <= 250_000);
  const nurses = trust.people.filter((p) => p.jobTitle === 'Staff Nurse' && p.weeklyHours === 37.5);
  assert.ok(nurses.length > 20);
  for (const n of nurses)
    if (n.annualSalary !== null) assert.ok([31_049, 33_487, 37_796].includes(n.annualSalary));
  const halfTime = trust.people.find((p) => p.jobTitle === 'Staff Nurse' && p.weeklyHours === 18.75);
  if (halfTime?.annualSalary) assert.ok(halfTime.annualSalary <= 37_796 / 2 + 1);
  const chief = council.people.find((p) => p.managerEmployeeNumber === null);
  assert.ok(chief?.annualSalary && chief.annualSalary > 150_000);
});

test('each organisation has a membership agreement with a contact who works there, and sites', () => {
  for (const { o, label } of everyOrganisation) {
    const agreement = o.agreement;
    assert.ok(agreement, label);
    assert.ok(isRealDate(agreement.startDate));
    assert.ok(
      agreement.endDate === null ||
        (isRealDate(agreement.endDate) && agreement.endDate > agreement.startDate),
    );
    assert.ok(agreement.annualContributionGbp > 0);
    const active = o.people.filter((p) => p.endDate === null).length;
    assert.ok(Math.abs(agreement.headcount - active) <= 5, `${label} headcount ${agreement.headcount}`);
    const contact = o.people.find((p) => p.email === agreement.marketingContact.email);
    assert.ok(contact, `${label}'s contact works there`);
    assert.equal(agreement.marketingContact.name, `${contact.firstName} ${contact.lastName}`);
    assert.match(agreement.marketingContact.phone, /^0\d{3,4} \d{3} \d{3,4}$/);
    assert.ok(o.sites.length >= 1);
    for (const site of o.sites) assert.match(site.postcode, /^[A-Z]{2}\d{1,2} \d[A-Z]{2}$/);
  }
  // The council, which leads, pays most.
  const top = [...demo.organisations].sort(
    (a, b) => (b.agreement?.annualContributionGbp ?? 0) - (a.agreement?.annualContributionGbp ?? 0),
  )[0];
  assert.equal(top?.slug, 'merrowby-council');
});

test('demo sign-ins: every role where it belongs, held by real people, with good passwords', () => {
  const holders = (role: Role) =>
    demo.organisations.filter((o) => o.accounts.some((a) => a.roles.includes(role))).map((o) => o.slug);
  for (const role of ['employee', 'line_manager', 'hr', 'organisation_admin'] as const) {
    assert.ok(holders(role).includes('merrowby-council'), role);
    assert.ok(holders(role).includes('merrowby-nhs'), role);
    assert.ok(holders(role).length >= 2, role);
  }
  assert.deepEqual(holders('oh_clinician'), ['fellshire-police']);
  assert.deepEqual(holders('oh_admin'), ['fellshire-police']);
  assert.ok(holders('programme_team').includes('merrowby-council'));
  assert.ok(holders('facilitator').includes('merrowby-council'));
  assert.deepEqual(holders('partnership_admin'), ['merrowby-council']);
  assert.equal(
    demo.organisations.flatMap((o) => o.accounts).filter((a) => a.roles.includes('partnership_admin')).length,
    1,
  );

  const emails = demo.organisations.flatMap((o) => o.accounts.map((a) => a.email));
  assert.equal(new Set(emails).size, emails.length, 'one account per email across the partnership');
  assert.ok(emails.includes('hr@merrowby.example'));

  for (const { o, label } of everyOrganisation) {
    const byNumber = new Map(o.people.map((p) => [p.employeeNumber, p]));
    const holdersHere = new Set<string>();
    for (const account of o.accounts) {
      assert.match(account.email, /@[a-z-]+\.example$/);
      assert.ok([...account.password].length >= 12, account.email);
      assert.equal(passwordProblem(account.password, { email: account.email }), null, account.email);
      assert.ok(account.roles.includes('employee'), `${account.email} is an employee too`);
      assert.ok(account.employeeNumber, account.email);
      const person = byNumber.get(account.employeeNumber);
      assert.ok(person, `${account.email} is a person in ${label}`);
      assert.equal(person.endDate, null, `${account.email} still works there`);
      assert.equal(account.displayName, `${person.firstName} ${person.lastName}`);
      assert.ok(!holdersHere.has(person.employeeNumber), 'one sign-in per person');
      holdersHere.add(person.employeeNumber);
    }
    const manager = o.accounts.find((a) => a.roles.includes('line_manager'));
    const employee = o.accounts.find((a) => a.roles.length === 1 && a.roles[0] === 'employee');
    assert.ok(manager && employee, label);
    const reports = o.people.filter((p) => p.managerEmployeeNumber === manager.employeeNumber);
    assert.ok(reports.length >= 5, `${label}'s demo line manager has ${reports.length} people`);
    assert.ok(
      reports.some((p) => p.employeeNumber === employee.employeeNumber),
      `${label}'s demo employee reports to the demo line manager`,
    );
    const managerPerson = byNumber.get(manager.employeeNumber ?? '');
    assert.ok(managerPerson?.managerEmployeeNumber, 'the line manager has a manager too');
  }
  const hr = council.accounts.find((a) => a.roles.includes('hr'));
  assert.equal(hr?.email, 'hr@merrowby.example');
  assert.equal(hr?.password, 'wellwork-demo-hr-2026');
  const clinician = police.accounts.find((a) => a.roles.includes('oh_clinician'));
  const nurse = police.people.find((p) => p.employeeNumber === clinician?.employeeNumber);
  assert.deepEqual(nurse?.unitPath, ['People Services', 'Occupational Health Unit']);
});
