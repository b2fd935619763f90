/**
 * Letters from templates the organisation can edit. A template is plain text with placeholders
 * in double braces, such as {{personName}}; the letter is kept word for word as issued.
 */
export const LETTER_KINDS = {
  invitation: 'Invitation to a meeting',
  outcome: 'Outcome of a meeting',
} as const;
export type LetterKind = keyof typeof LETTER_KINDS;

export const PLACEHOLDERS = {
  personName: 'The person’s full name',
  organisationName: 'The organisation’s name',
  stage: 'The meeting, such as “First formal attendance management meeting”',
  meetingDate: 'The date of the meeting',
  location: 'Where the meeting is held',
  noticeDate: 'The date written notice was given',
  outcome: 'The outcome (outcome letters)',
  rationale: 'The documented rationale (outcome letters)',
  reviewDate: 'The review date, when there is one (outcome letters)',
  senderName: 'The name of the person issuing the letter',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

export interface LetterTemplate {
  subject: string;
  body: string;
}

export const DEFAULT_TEMPLATES: Record<LetterKind, LetterTemplate> = {
  invitation: {
    subject: 'Invitation: {{stage}} on {{meetingDate}}',
    body: `Dear {{personName}},

I am writing to invite you to a {{stage}} on {{meetingDate}} at {{location}}.

The meeting is a chance to talk about your health and wellbeing, the support you have had so far and anything more that could help you at work. We will look at your attendance together and agree what happens next.

You have the right to be accompanied by a trade union representative or a work colleague. Please let me know who will come with you, or if you would like the meeting arranged differently, for example because of a disability.

If you would like to talk before the meeting, please get in touch. Support is available to you at any time through the Employee Assistance Programme and Occupational Health.

Yours sincerely,

{{senderName}}
{{organisationName}}

This letter was given to you on {{noticeDate}}.`,
  },
  outcome: {
    subject: 'Outcome: {{stage}} held on {{meetingDate}}',
    body: `Dear {{personName}},

Thank you for attending the {{stage}} on {{meetingDate}}. This letter confirms what we discussed and agreed.

Outcome: {{outcome}}

The reasons for this decision: {{rationale}}

Review date: {{reviewDate}}

If you disagree with a formal decision, you have the right to appeal. Please write to HR within 14 calendar days of receiving this letter, setting out your reasons.

Support remains available to you through the Employee Assistance Programme and Occupational Health.

Yours sincerely,

{{senderName}}
{{organisationName}}`,
  },
};

const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Placeholders in a template that the product does not know. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] ?? '';
    if (!(name in PLACEHOLDERS)) unknown.add(name);
  }
  return [...unknown];
}

/** Fills a template's placeholders; a value that is not known is left as “not recorded”. */
export function fillTemplate(
  template: LetterTemplate,
  values: Partial<Record<Placeholder, string | null>>,
): LetterTemplate {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER_PATTERN, (_, name: string) => {
      const value = values[name as Placeholder];
      return value === undefined || value === null || value === '' ? 'not recorded' : value;
    });
  return { subject: fill(template.subject), body: fill(template.body) };
}
