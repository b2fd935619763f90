/**
 * The composition root's list of capability modules. Each is a folder of `src/modules/` whose
 * `index.ts` exports its definition (`web/capability.ts`). Their order is the order of the
 * navigation, of each role's part of the home page and of the sections of the daily reminder.
 * Adding a capability is adding its folder and one line here.
 */
import type { Capability, RecordAccessRule } from './web/capability.ts';
import { permissionTable, type PermissionTable } from './domain/roles.ts';
import type { EventBus, ModuleEventName, ModuleEvents } from './web/events.ts';
import type { Services } from './services.ts';
import { capability as home } from './modules/home/index.ts';
import { capability as auth } from './modules/auth/index.ts';
import { capability as partnership } from './modules/partnership/index.ts';
import { capability as partnershipAdmin } from './modules/partnership-admin/index.ts';
import { capability as calendar } from './modules/calendar/index.ts';
import { capability as notifications } from './modules/notifications/index.ts';
import { capability as imports } from './modules/imports/index.ts';
import { capability as absences } from './modules/absences/index.ts';
import { capability as absenceReport } from './modules/absence-report/index.ts';
import { capability as managementInformation } from './modules/management-information/index.ts';
import { capability as people } from './modules/people/index.ts';
import { capability as personPage } from './modules/person-page/index.ts';
import { capability as attendanceSettings } from './modules/attendance-settings/index.ts';
import { capability as welcomeBackReviews } from './modules/welcome-back-reviews/index.ts';
import { capability as attendanceTriggers } from './modules/attendance-triggers/index.ts';
import { capability as attendanceCases } from './modules/attendance-cases/index.ts';
import { capability as actionPlans } from './modules/action-plans/index.ts';
import { capability as adjustmentsPassport } from './modules/adjustments-passport/index.ts';
import { capability as occupationalHealth } from './modules/occupational-health/index.ts';
import { capability as myAttendance } from './modules/my-attendance/index.ts';
import { capability as organisationStructure } from './modules/organisation-structure/index.ts';
import { capability as userAccounts } from './modules/user-accounts/index.ts';
import { capability as staffInvitations } from './modules/staff-invitations/index.ts';
import { capability as jsonApi } from './modules/json-api/index.ts';
import { capability as reminders } from './modules/reminders/index.ts';
import { capability as demo } from './modules/demo/index.ts';

export const capabilities: readonly Capability[] = [
  home,
  auth,
  partnership,
  partnershipAdmin,
  calendar,
  notifications,
  imports,
  absences,
  absenceReport,
  managementInformation,
  people,
  personPage,
  attendanceSettings,
  welcomeBackReviews,
  attendanceTriggers,
  attendanceCases,
  actionPlans,
  adjustmentsPassport,
  occupationalHealth,
  myAttendance,
  organisationStructure,
  userAccounts,
  staffInvitations,
  jsonApi,
  reminders,
  demo,
];

/** The permissions the modules declare, with the roles that hold them. */
export function permissionsOf(modules: readonly Capability[]): PermissionTable {
  return permissionTable(modules.flatMap((m) => Object.entries(m.permissions ?? {})));
}

/** The rules of who may reach one person's records that the modules declare, by name. */
export function recordAccessRulesOf(modules: readonly Capability[]): ReadonlyMap<string, RecordAccessRule> {
  const rules = new Map<string, RecordAccessRule>();
  for (const [name, rule] of modules.flatMap((m) => Object.entries(m.recordAccess ?? {}))) {
    if (rules.has(name)) throw new Error(`The record access rule ${name} is declared twice`);
    rules.set(name, rule);
  }
  return rules;
}

/** Wires each module's reactions to the events others raise, in module order. */
export function wireReactions(modules: readonly Capability[], events: EventBus, services: () => Services) {
  for (const module of modules) {
    const reactions = module.reactions ?? {};
    for (const name of Object.keys(reactions) as ModuleEventName[]) {
      const reaction = reactions[name] as
        ((event: ModuleEvents[typeof name], services: Services) => Promise<void>) | undefined;
      if (reaction) events.react(name, (event) => reaction(event, services()));
    }
  }
}
