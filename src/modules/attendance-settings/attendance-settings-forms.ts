import { z } from 'zod';
import { LETTER_KINDS, PLACEHOLDERS, unknownPlaceholders } from '../../domain/letters.ts';
import { SUPPORT_KINDS, type SupportKind } from './attendance-settings-repository.ts';

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be ${min} or more`)
    .max(max, `${label} must be ${max} or fewer`);

export const settingsForm = z.object({
  reviewDueWorkingDays: whole('Working days to hold a welcome-back review', 1, 20),
  meetingNoticeDays: whole('Days of written notice before a meeting', 1, 28),
  bradfordTrigger: whole('The Bradford factor trigger', 0, 10_000),
  episodesTrigger: whole('The spells of sickness trigger', 0, 52),
  daysTrigger: whole('The days of sickness trigger', 0, 365),
});

const kinds = Object.keys(SUPPORT_KINDS) as [SupportKind, ...SupportKind[]];

export const supportServiceForm = z.object({
  kind: z.enum(kinds, { error: 'Choose the kind of support' }),
  name: z
    .string()
    .trim()
    .min(1, 'Enter the name of the service')
    .max(200, 'The name must be 200 characters or fewer'),
  contact: z.string().trim().max(300, 'The contact details must be 300 characters or fewer').default(''),
  description: z.string().trim().max(2000, 'The description must be 2,000 characters or fewer').default(''),
  active: z
    .union([z.literal('yes'), z.literal('no')], { error: 'Say whether the service is offered now' })
    .transform((v) => v === 'yes'),
});

export const letterTemplateForm = z
  .object({
    subject: z.string().trim().min(1, 'Enter the subject of the letter').max(200),
    body: z.string().trim().min(1, 'Enter the wording of the letter').max(20_000),
  })
  .superRefine((value, context) => {
    for (const field of ['subject', 'body'] as const) {
      const unknown = unknownPlaceholders(value[field]);
      if (unknown.length > 0) {
        context.addIssue({
          code: 'custom',
          path: [field],
          message: `${unknown.map((u) => `{{${u}}}`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a placeholder Wellwork fills: use ${Object.keys(
            PLACEHOLDERS,
          )
            .map((p) => `{{${p}}}`)
            .join(', ')}`,
        });
      }
    }
  });

export function isLetterKind(value: string): value is keyof typeof LETTER_KINDS {
  return value in LETTER_KINDS;
}
