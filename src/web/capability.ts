/**
 * The module contract. Each capability (`src/modules/<capability>/index.ts`) exports one
 * definition of this shape: its routes, and what it adds to the pages and jobs every module
 * shares: the navigation, the home page's task lists, the daily reminder to line managers, the
 * permissions it checks (with the roles that hold them) and its reactions to other modules'
 * events. The composition root (`src/capabilities.ts`) lists the modules; the home page, the
 * navigation, the reminders, the access checks and the access table loop over that list, so a
 * new capability is a folder and one line there.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import type { Role } from '../domain/roles.ts';
import type { Services } from '../services.ts';
import type { ModuleEvents } from './events.ts';
import type { Principal } from './types.ts';

/** A permission a module checks, and the roles that hold it. */
export interface PermissionDeclaration {
  /** The roles that hold it, within one organisation (partnership-wide for `partnership.*`). */
  roles: readonly Role[];
  /**
   * Its pages show other people's health data (absences, sickness, casework, or figures of
   * sickness): every GET route with it must declare its audit event.
   */
  healthData?: boolean;
  /** What it lets people do, in a sentence. */
  description: string;
}

/**
 * A rule of who may reach one person's records: the reader's relation to the person ("hr",
 * "manager"…) on the date, or null when they may not. Routes name the rule (`config.record`).
 */
export type RecordAccessRule = (
  db: Db,
  principal: Principal,
  organisationId: number,
  personId: number,
  onDate: string,
) => Promise<string | null>;

/** An organisation as the shared pages name it. */
export interface OrganisationSummary {
  id: number;
  slug: string;
  name: string;
}

/** An entry of the service navigation. */
export interface NavigationEntry {
  text: string;
  /** Shown to those who hold this permission (in the organisation looked at, or partnership-wide). */
  permission: string;
  /** Its address, in the organisation looked at; partnership-wide entries ignore it. */
  href: (organisationSlug: string) => string;
  /** Shown only to those with a person record in the organisation: one's own pages. */
  ownRecord?: boolean;
}

/** A thing to do on someone's home page. */
export interface HomeTask {
  title: string;
  href: string;
  hint?: string;
  status: 'to-do' | 'overdue';
}

/**
 * What a module's home-page contribution works from: one organisation, one person, one day. It
 * reads through `db` alone, in the organisation's transaction (on the embedded database, a query
 * on another connection would wait for the transaction to end).
 */
export interface HomeContext {
  db: Db;
  organisation: OrganisationSummary;
  /** The signed-in person's own record in the organisation, if they have one. */
  personId: number | null;
  /** The signed-in account. */
  userId: number;
  date: string;
}

/** What a module adds to one role's section of the home page. */
export interface HomeSectionPart {
  tasks?: HomeTask[];
  links?: { href: string; text: string }[];
  /** The imports of records the role may run, listed after every module's links. */
  imports?: { href: string; text: string }[];
  /** Further things the section shows, by name (e.g. the manager's team, the employee's sickness). */
  extras?: Record<string, unknown>;
}

/** A module's part of the home page for one role. */
export interface HomeContribution {
  role: Role;
  /** Read with the organisation's data in scope; the parts of a role are shown in module order. */
  part(context: HomeContext): Promise<HomeSectionPart>;
}

/** One thing a line manager is reminded of. */
export interface ReminderItem {
  /** One line saying what to do: "Hold Pat Kowalski’s welcome-back review: due by 20 November 2026". */
  text: string;
  /** The page to do it on, as a path of the service. */
  href: string;
  overdue: boolean;
}

/** An item and whom it falls to. */
export type DueItem = ReminderItem &
  (
    | { /** The managers it falls to, by person id. */ managerIds: readonly number[] }
    | { /** Falls to everyone above this person in their reporting line. */ aboutPersonId: number }
  );

/** A section of the daily reminder email. */
export interface DailyReminder {
  /** The heading of the section: "Welcome-back reviews". */
  heading: string;
  /** What falls due in one organisation on a date, for whom: a fixed number of set-based queries. */
  due(db: Db, organisation: OrganisationSummary, date: string): Promise<DueItem[]>;
}

/** A module's reactions to the events other modules raise. */
export type Reactions = {
  [E in keyof ModuleEvents]?: (event: ModuleEvents[E], services: Services) => Promise<void>;
};

export interface Capability {
  /** The capability in users' words: "Welcome-back reviews". */
  name: string;
  /**
   * Registers its pages and API routes. Loaded (`import()`) only when the app is built, so that
   * the command line starts without every page's code.
   */
  routes?: (services: Services) => (app: FastifyInstance) => Promise<void>;
  navigation?: readonly NavigationEntry[];
  homePage?: readonly HomeContribution[];
  dailyReminders?: readonly DailyReminder[];
  /** The rules of who may reach one person's records that it defines, by name ("casework"). */
  recordAccess?: Readonly<Record<string, RecordAccessRule>>;
  /** The permissions it defines, by name ("absence.record"). */
  permissions?: Readonly<Record<string, PermissionDeclaration>>;
  reactions?: Reactions;
  /**
   * Loads the reference data an empty installation needs (the bank holidays, say), once the
   * migrations have run: it must leave data already there alone.
   */
  prepare?: (db: Db) => Promise<void>;
}

/** A module's links on a role's home page, in the organisation's own addresses. */
export function homeLinks(
  role: Role,
  ...links: readonly { text: string; href: (organisationSlug: string) => string }[]
): HomeContribution {
  return {
    role,
    part: async ({ organisation }) => ({
      links: links.map((l) => ({ text: l.text, href: l.href(organisation.slug) })),
    }),
  };
}

/**
 * A module's home-page parts for the roles named, loaded only when a home page is first shown:
 * the command line, which builds the same services, starts without them.
 */
export function homePageLoadedWhenShown(
  roles: readonly Role[],
  load: () => Promise<{ homePage: readonly HomeContribution[] }>,
): HomeContribution[] {
  return roles.map((role) => ({
    role,
    part: async (context) => {
      const parts = (await load()).homePage.filter((c) => c.role === role);
      const built: HomeSectionPart = {};
      for (const part of parts) {
        const made = await part.part(context);
        built.tasks = [...(built.tasks ?? []), ...(made.tasks ?? [])];
        built.links = [...(built.links ?? []), ...(made.links ?? [])];
        built.imports = [...(built.imports ?? []), ...(made.imports ?? [])];
        built.extras = { ...built.extras, ...made.extras };
      }
      return built;
    },
  }));
}

/** A module's sections of the daily reminder, by heading, loaded only when the reminder is sent. */
export function dailyRemindersLoadedWhenSent(
  headings: readonly string[],
  load: () => Promise<{ dailyReminders: readonly DailyReminder[] }>,
): DailyReminder[] {
  return headings.map((heading) => ({
    heading,
    due: async (db, organisation, date) => {
      const reminder = (await load()).dailyReminders.find((r) => r.heading === heading);
      if (!reminder) throw new Error(`No daily reminder headed ${heading}`);
      return reminder.due(db, organisation, date);
    },
  }));
}
