/**
 * The events modules raise about their own records, and the bus that hands them to the modules
 * that react. A module that must act when another's records change reacts to its event instead of
 * being called by it, so that no two modules depend on each other. The composition root wires the
 * reactions each module declares (`Capability.reactions`).
 */
import type { Database, Db } from '../db/database.ts';
import type { OrganisationSummary } from './capability.ts';

export interface ModuleEvents {
  /**
   * Absences were recorded or changed on a page: raised inside the change's transaction, so that
   * what reacts is done with it or not at all.
   */
  'absences-changed': { db: Db; organisation: OrganisationSummary; absenceIds: readonly number[] };
  /**
   * A file of absences is being imported: raised inside the import's transaction, after its rows
   * are written, so that what reacts is kept or rolled back with them (a dry run keeps nothing).
   */
  'absences-imported': { db: Db; organisationId: number; date: string };
  /**
   * An import that changed people (their terms, managers and units) or absences was committed:
   * raised after the commit, for work that reads what was written as a whole.
   */
  'import-committed': {
    database: Database;
    organisationId: number;
    date: string;
    records: 'people' | 'absences';
  };
  /**
   * A manager or HR chose to add the adjustments an occupational health report recommends to the
   * person's adjustments passport and action plan: raised inside that choice's transaction, once
   * per report, so that they are added with it or not at all.
   */
  'adjustments-recommended': {
    db: Db;
    organisationId: number;
    personId: number;
    items: readonly string[];
    /** Why they are there, in words ("Recommended by occupational health in the report of 7 December 2026"). */
    description: string;
    /** When they should be in place and reviewed. */
    reviewBy: string;
    byUserId: number;
  };
}

export type ModuleEventName = keyof ModuleEvents;

type Reaction<E extends ModuleEventName> = (event: ModuleEvents[E]) => Promise<void>;

export interface EventBus {
  /** Hands the event to every reaction, one after another, in the order they were wired. */
  raise<E extends ModuleEventName>(name: E, event: ModuleEvents[E]): Promise<void>;
  react<E extends ModuleEventName>(name: E, reaction: Reaction<E>): void;
}

export function eventBus(): EventBus {
  const reactions = new Map<ModuleEventName, Reaction<ModuleEventName>[]>();
  return {
    async raise(name, event) {
      for (const reaction of reactions.get(name) ?? []) await reaction(event);
    },
    react(name, reaction) {
      reactions.set(name, [...(reactions.get(name) ?? []), reaction as Reaction<ModuleEventName>]);
    },
  };
}
