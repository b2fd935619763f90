import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { attendanceSettings, letterTemplates, supportServices } from './attendance-settings-schema.ts';
import { DEFAULT_TEMPLATES, type LetterKind, type LetterTemplate } from '../../domain/letters.ts';

export interface AttendanceSettings {
  reviewDueWorkingDays: number;
  meetingNoticeDays: number;
  bradfordTrigger: number;
  episodesTrigger: number;
  daysTrigger: number;
}

/** What applies until an organisation changes it. */
export const DEFAULT_SETTINGS: AttendanceSettings = {
  reviewDueWorkingDays: 3,
  meetingNoticeDays: 7,
  bradfordTrigger: 200,
  episodesTrigger: 3,
  daysTrigger: 14,
};

export const SUPPORT_KINDS = {
  eap: 'Employee Assistance Programme',
  occupational_health: 'Occupational health',
  mhfa: 'Mental health first aiders',
  chaplaincy: 'Chaplaincy',
  other: 'Other support',
} as const;
export type SupportKind = keyof typeof SUPPORT_KINDS;

/** The only code that queries the attendance settings, support directory and letter templates. */
export function attendanceSettingsRepository(db: Db, organisationId: number) {
  return {
    async settings(): Promise<AttendanceSettings> {
      const [row] = await db
        .select()
        .from(attendanceSettings)
        .where(eq(attendanceSettings.organisationId, organisationId));
      if (!row) return DEFAULT_SETTINGS;
      const { reviewDueWorkingDays, meetingNoticeDays, bradfordTrigger, episodesTrigger, daysTrigger } = row;
      return { reviewDueWorkingDays, meetingNoticeDays, bradfordTrigger, episodesTrigger, daysTrigger };
    },

    async saveSettings(settings: AttendanceSettings) {
      await db
        .insert(attendanceSettings)
        .values({ organisationId, ...settings })
        .onConflictDoUpdate({
          target: attendanceSettings.organisationId,
          set: { ...settings, updatedAt: new Date().toISOString() },
        });
    },

    async supportServices(options: { activeOnly?: boolean } = {}) {
      const rows = await db
        .select()
        .from(supportServices)
        .where(eq(supportServices.organisationId, organisationId))
        .orderBy(asc(supportServices.kind), asc(supportServices.name));
      return options.activeOnly ? rows.filter((r) => r.active) : rows;
    },

    async supportService(id: number) {
      const [row] = await db
        .select()
        .from(supportServices)
        .where(and(eq(supportServices.organisationId, organisationId), eq(supportServices.id, id)));
      return row ?? null;
    },

    async addSupportService(values: {
      kind: SupportKind;
      name: string;
      contact: string;
      description: string;
      active: boolean;
    }) {
      const [row] = await db
        .insert(supportServices)
        .values({ organisationId, ...values })
        .returning();
      return row;
    },

    async updateSupportService(
      id: number,
      values: { kind: SupportKind; name: string; contact: string; description: string; active: boolean },
    ) {
      await db
        .update(supportServices)
        .set(values)
        .where(and(eq(supportServices.organisationId, organisationId), eq(supportServices.id, id)));
    },

    /** The organisation's wording of a letter, or the product's until it has its own. */
    async letterTemplate(kind: LetterKind): Promise<LetterTemplate & { custom: boolean }> {
      const [row] = await db
        .select()
        .from(letterTemplates)
        .where(and(eq(letterTemplates.organisationId, organisationId), eq(letterTemplates.kind, kind)));
      return row
        ? { subject: row.subject, body: row.body, custom: true }
        : { ...DEFAULT_TEMPLATES[kind], custom: false };
    },

    async saveLetterTemplate(kind: LetterKind, template: LetterTemplate) {
      await db
        .insert(letterTemplates)
        .values({ organisationId, kind, ...template })
        .onConflictDoUpdate({
          target: [letterTemplates.organisationId, letterTemplates.kind],
          set: { ...template, updatedAt: new Date().toISOString() },
        });
    },

    async resetLetterTemplate(kind: LetterKind) {
      await db
        .delete(letterTemplates)
        .where(and(eq(letterTemplates.organisationId, organisationId), eq(letterTemplates.kind, kind)));
    },
  };
}
