/**
 * The daily reminder (SPEC §4C, "tasks and reminders for what is due or overdue"): each line
 * manager gets one email a day listing what falls to them: welcome-back reviews due or overdue,
 * action plan reviews due within a week, stage meetings in their reporting line coming up or
 * waiting for their outcome, and people who have reached an attendance trigger. Sent once per
 * manager and day, however often it runs; run it daily (`bin/wellwork reminders send`).
 */
import { codeWords } from '../../domain/labels.ts';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/database.ts';
import { addDays } from '../../domain/dates.ts';
import type { Services } from '../../services.ts';
import { ukDate } from '../../domain/date-words.ts';
import { paths } from '../../web/paths.ts';
import { attendanceCasesRepository } from '../attendance-cases/attendance-cases-repository.ts';
import { triggeredPeople } from '../attendance-triggers/triggered-people.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { notifyPeople, type Notice } from '../notifications/notify.ts';

/** How far ahead action plan reviews and stage meetings are mentioned. */
export const REMINDER_DAYS_AHEAD = 7;

export const REMINDER_SECTIONS = {
  'welcome-back-review': 'Welcome-back reviews',
  'action-plan-review': 'Action plan reviews',
  'stage-meeting': 'Stage meetings',
  trigger: 'Attendance triggers',
} as const;
export type ReminderKind = keyof typeof REMINDER_SECTIONS;

export interface ReminderItem {
  kind: ReminderKind;
  /** One line saying what to do: "Hold Pat Kowalski’s welcome-back review: due by 20 November 2026". */
  text: string;
  /** The page to do it on, as a path of the service. */
  href: string;
  overdue: boolean;
}

/** An item and the managers it falls to. */
interface Due {
  item: ReminderItem;
  managerIds: readonly number[];
}

/**
 * How many things there are to do, of which how many are overdue, read as one count:
 * "3 things to do (all overdue)", "3 things to do, of which 1 is overdue".
 */
export function thingsToDo(count: number, overdue: number): string {
  const things = `${count} ${count === 1 ? 'thing' : 'things'} to do`;
  if (overdue === 0) return things;
  if (overdue === count)
    return `${things} (${count === 1 ? 'overdue' : count === 2 ? 'both overdue' : 'all overdue'})`;
  return `${things}, of which ${overdue} ${overdue === 1 ? 'is' : 'are'} overdue`;
}

/**
 * One manager's digest: the items grouped under a heading per kind, each with its link, as an
 * HTML and a plain-text part. A pure function of the items.
 */
export function reminderDigest(
  items: readonly ReminderItem[],
  context: { firstName: string | null; organisationName: string; date: string; publicUrl: string },
): { subject: string; text: string; html: string } {
  const sections = Object.entries(REMINDER_SECTIONS)
    .map(([kind, heading]) => ({
      heading,
      items: items
        .filter((i) => i.kind === kind)
        .map((i) => ({ text: i.text, overdue: i.overdue, link: `${context.publicUrl}${i.href}` })),
    }))
    .filter((section) => section.items.length > 0);
  const summary = thingsToDo(items.length, items.filter((i) => i.overdue).length);
  return {
    subject: `Your reminders for ${ukDate(context.date)}: ${summary}`,
    ...renderEmail('daily-reminders', {
      firstName: context.firstName,
      organisationName: context.organisationName,
      date: context.date,
      summary,
      sections,
      homeLink: `${context.publicUrl}${paths.home.build()}`,
    }),
  };
}

const intList = (ids: Iterable<number>) => `{${[...ids].join(',')}}`;

/** Each person's terms in force on a date: the latest spell begun by then. */
const currentTerms = (organisationId: number, date: string) => sql`(
  select distinct on (s.person_id) s.person_id, s.manager_person_id from employment_spells s
  where s.organisation_id = ${organisationId} and s.effective_from <= ${date}::date
  order by s.person_id, s.effective_from desc
)`;

/**
 * What falls due on a date in one organisation, and for whom. A fixed number of set-based
 * queries, however many managers and people there are.
 */
async function dueInOrganisation(
  db: Db,
  organisation: { id: number; slug: string },
  date: string,
): Promise<Due[]> {
  const org = organisation.slug;
  const ahead = addDays(date, REMINDER_DAYS_AHEAD);
  const due: Due[] = [];

  // Welcome-back reviews not yet held and due by the date: for the manager asked to hold them.
  const reviews = await queryRows<{
    id: number;
    person_id: number;
    manager_person_id: number;
    first_name: string;
    last_name: string;
    due_date: string;
  }>(
    db,
    sql`
    select r.id, r.person_id, r.manager_person_id, p.first_name, p.last_name, r.due_date::text
    from welcome_back_reviews r
    join people p on p.organisation_id = r.organisation_id and p.id = r.person_id
    where r.organisation_id = ${organisation.id} and r.completed_at is null
      and r.manager_person_id is not null and r.due_date <= ${date}::date
      and (p.end_date is null or p.end_date >= ${date}::date)
    order by r.due_date, p.last_name, p.first_name`,
  );
  for (const r of reviews) {
    due.push({
      item: {
        kind: 'welcome-back-review',
        text: `Hold ${r.first_name} ${r.last_name}’s welcome-back review: due by ${ukDate(r.due_date)}`,
        href: paths.organisation.welcomeBackReview.build({ org, personId: r.person_id, reviewId: r.id }),
        overdue: r.due_date < date,
      },
      managerIds: [r.manager_person_id],
    });
  }

  // Active action plans whose review falls due within the week: for the person's line manager.
  const plans = await queryRows<{
    id: number;
    person_id: number;
    manager_person_id: number;
    first_name: string;
    last_name: string;
    next_review_date: string;
  }>(
    db,
    sql`
    select ap.id, ap.person_id, t.manager_person_id, p.first_name, p.last_name, ap.next_review_date::text
    from action_plans ap
    join people p on p.organisation_id = ap.organisation_id and p.id = ap.person_id
    join ${currentTerms(organisation.id, date)} t on t.person_id = ap.person_id
    where ap.organisation_id = ${organisation.id} and ap.status = 'active'
      and t.manager_person_id is not null and ap.next_review_date <= ${ahead}::date
      and (p.end_date is null or p.end_date >= ${date}::date)
    order by ap.next_review_date, p.last_name, p.first_name`,
  );
  for (const p of plans) {
    due.push({
      item: {
        kind: 'action-plan-review',
        text: `Review ${p.first_name} ${p.last_name}’s action plan: due on ${ukDate(p.next_review_date)}`,
        href: paths.organisation.actionPlan.build({ org, personId: p.person_id, planId: p.id }),
        overdue: p.next_review_date < date,
      },
      managerIds: [p.manager_person_id],
    });
  }

  // Stage meetings of open cases without a recorded outcome, held or to be held by a week from
  // now; and people who have reached a trigger with no case open. Both for the reporting line.
  const meetings = await attendanceCasesRepository(db, organisation.id).meetingsAwaitingOutcome({
    byDate: ahead,
    onDate: date,
  });
  const triggered = (await triggeredPeople(db, organisation.id, date)).filter((p) => p.toTalkWith);
  const line = await managersAbove(db, organisation.id, date, [
    ...meetings.map((m) => m.person_id),
    ...triggered.map((p) => p.personId),
  ]);
  for (const m of meetings) {
    const name = `${m.first_name} ${m.last_name}`;
    const stage = codeWords('stage', m.stage);
    const passed = m.meeting_date < date;
    due.push({
      item: {
        kind: 'stage-meeting',
        text: passed
          ? `${stage} with ${name} on ${ukDate(m.meeting_date)}: record its outcome`
          : `${stage} with ${name} on ${ukDate(m.meeting_date)}`,
        href: paths.organisation.stageMeeting.build({
          org,
          personId: m.person_id,
          caseId: m.case_id,
          meetingId: m.id,
        }),
        overdue: passed,
      },
      managerIds: line.get(m.person_id) ?? [],
    });
  }
  for (const p of triggered) {
    due.push({
      item: {
        kind: 'trigger',
        text: `Talk with ${p.name} about their attendance: ${p.readingText}`,
        href: paths.organisation.person.build({ org, personId: p.personId }),
        overdue: false,
      },
      managerIds: line.get(p.personId) ?? [],
    });
  }
  return due;
}

/**
 * The managers above each of some people on a date, direct and indirect, following each
 * person's terms in force that day: one recursive query.
 */
async function managersAbove(
  db: Db,
  organisationId: number,
  date: string,
  personIds: readonly number[],
): Promise<Map<number, number[]>> {
  const above = new Map<number, number[]>();
  if (personIds.length === 0) return above;
  const rows = await queryRows<{ person_id: number; manager_id: number }>(
    db,
    sql`
    with recursive current_terms as ${currentTerms(organisationId, date)},
    up as (
      select t.person_id, t.manager_person_id as manager_id, 1 as depth
      from current_terms t
      where t.person_id = any(${intList(new Set(personIds))}::int[]) and t.manager_person_id is not null
      union
      select up.person_id, t.manager_person_id, up.depth + 1
      from up join current_terms t on t.person_id = up.manager_id
      where t.manager_person_id is not null and up.depth < 20
    )
    select distinct person_id, manager_id from up where manager_id <> person_id`,
  );
  for (const row of rows) above.set(row.person_id, [...(above.get(row.person_id) ?? []), row.manager_id]);
  return above;
}

/**
 * Emails every line manager of every organisation their digest for a date, once: the key
 * `daily-reminders:{personId}:{date}` stops a second run sending it again. Managers no longer
 * employed on the date are left out. Returns how many emails each organisation sent.
 */
export async function sendDailyReminders(
  services: Pick<Services, 'database' | 'organisations' | 'mailer' | 'config'>,
  date: string,
): Promise<{ slug: string; name: string; managers: number; sent: number }[]> {
  const results: { slug: string; name: string; managers: number; sent: number }[] = [];
  for (const organisation of await services.organisations.list()) {
    const outcome = await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
      const due = await dueInOrganisation(db, organisation, date);
      const byManager = new Map<number, ReminderItem[]>();
      for (const { item, managerIds } of due) {
        for (const id of managerIds) byManager.set(id, [...(byManager.get(id) ?? []), item]);
      }
      if (byManager.size === 0) return { managers: 0, sent: 0 };
      const managers = await queryRows<{ id: number; first_name: string }>(
        db,
        sql`select p.id, p.first_name from people p
            where p.organisation_id = ${organisation.id} and p.id = any(${intList(byManager.keys())}::int[])
              and p.start_date <= ${date}::date and (p.end_date is null or p.end_date >= ${date}::date)`,
      );
      const notices: Notice[] = managers.map((m) => ({
        key: `daily-reminders:${m.id}:${date}`,
        personId: m.id,
        ...reminderDigest(byManager.get(m.id) ?? [], {
          firstName: m.first_name,
          organisationName: organisation.name,
          date,
          publicUrl: services.config.publicUrl,
        }),
      }));
      return {
        managers: notices.length,
        sent: await notifyPeople(db, services.mailer, organisation.id, notices),
      };
    });
    results.push({ slug: organisation.slug, name: organisation.name, ...outcome });
  }
  return results;
}
