/**
 * The daily reminder (SPEC §4C, "tasks and reminders for what is due or overdue"): each line
 * manager gets one email a day listing what falls to them, in a section for each module's
 * reminder (`Capability.dailyReminders`): welcome-back reviews due or overdue, action plan
 * reviews due within a week, stage meetings in their reporting line coming up or waiting for
 * their outcome, people who have reached an attendance trigger. Sent once per manager and day,
 * however often it runs; run it daily (`bin/wellwork reminders send`).
 */
import { ukDate } from '../../domain/date-words.ts';
import type { Services } from '../../services.ts';
import type { ReminderItem } from '../../web/capability.ts';
import { paths } from '../../web/paths.ts';
import { renderEmail } from '../notifications/email-templates.ts';
import { notifyPeople, type Notice } from '../notifications/notify.ts';
import { peopleRepository } from '../people/people-repository.ts';

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
 * One manager's digest: the items under the heading of each section that has any, each with its
 * link, as an HTML and a plain-text part. A pure function of the sections.
 */
export function reminderDigest(
  reminders: readonly { heading: string; items: readonly ReminderItem[] }[],
  context: { firstName: string | null; organisationName: string; date: string; publicUrl: string },
): { subject: string; text: string; html: string } {
  const sections = reminders
    .map(({ heading, items }) => ({
      heading,
      items: items.map((i) => ({ text: i.text, overdue: i.overdue, link: `${context.publicUrl}${i.href}` })),
    }))
    .filter((section) => section.items.length > 0);
  const items = reminders.flatMap((r) => r.items);
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

/**
 * Emails every line manager of every organisation their digest for a date, once: the key
 * `daily-reminders:{personId}:{date}` stops a second run sending it again. Managers no longer
 * employed on the date are left out. Returns how many emails each organisation sent. Each
 * module's reminder reads what falls due with a fixed number of set-based queries, however many
 * managers and people there are.
 */
export async function sendDailyReminders(
  services: Pick<Services, 'database' | 'organisations' | 'mailer' | 'config' | 'capabilities'>,
  date: string,
): Promise<{ slug: string; name: string; managers: number; sent: number }[]> {
  const reminders = services.capabilities.flatMap((m) => m.dailyReminders ?? []);
  const results: { slug: string; name: string; managers: number; sent: number }[] = [];
  for (const organisation of await services.organisations.list()) {
    const outcome = await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
      const people = peopleRepository(db, organisation.id);
      const due = [];
      for (const reminder of reminders) due.push(await reminder.due(db, organisation, date));
      // Items about a person fall to everyone above them in their reporting line.
      const line = await people.managersAbove(
        due.flat().flatMap((item) => ('aboutPersonId' in item ? [item.aboutPersonId] : [])),
        date,
      );
      const byManager = new Map<number, ReminderItem[][]>();
      due.forEach((items, section) => {
        for (const item of items) {
          const managerIds = 'aboutPersonId' in item ? (line.get(item.aboutPersonId) ?? []) : item.managerIds;
          for (const id of managerIds) {
            const sections = byManager.get(id) ?? reminders.map(() => []);
            sections[section]?.push({ text: item.text, href: item.href, overdue: item.overdue });
            byManager.set(id, sections);
          }
        }
      });
      if (byManager.size === 0) return { managers: 0, sent: 0 };
      const managers = await people.employedAmong(byManager.keys(), date);
      const notices: Notice[] = managers.map((m) => ({
        key: `daily-reminders:${m.id}:${date}`,
        personId: m.id,
        ...reminderDigest(
          reminders.map((reminder, section) => ({
            heading: reminder.heading,
            items: byManager.get(m.id)?.[section] ?? [],
          })),
          {
            firstName: m.first_name,
            organisationName: organisation.name,
            date,
            publicUrl: services.config.publicUrl,
          },
        ),
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
