/** The NHS Electronic Staff Record sickness absence reasons (SPEC §9), in ESR's own words. */
export const ESR_SICKNESS_REASONS = [
  { code: 'S10', description: 'Anxiety/stress/depression/other psychiatric illnesses' },
  { code: 'S11', description: 'Back problems' },
  { code: 'S12', description: 'Other musculoskeletal problems' },
  { code: 'S13', description: 'Cold, Cough, Flu - Influenza' },
  { code: 'S14', description: 'Asthma' },
  { code: 'S15', description: 'Chest & respiratory problems' },
  { code: 'S16', description: 'Headache / migraine' },
  { code: 'S17', description: 'Benign and malignant tumours, cancers' },
  { code: 'S18', description: 'Blood disorders' },
  { code: 'S19', description: 'Heart, cardiac & circulatory problems' },
  { code: 'S20', description: 'Burns, poisoning, frostbite, hypothermia' },
  { code: 'S21', description: 'Ear, nose, throat (ENT)' },
  { code: 'S22', description: 'Dental and oral problems' },
  { code: 'S23', description: 'Eye problems' },
  { code: 'S24', description: 'Endocrine / glandular problems' },
  { code: 'S25', description: 'Gastrointestinal problems' },
  { code: 'S26', description: 'Genitourinary & gynaecological disorders' },
  { code: 'S27', description: 'Infectious diseases' },
  { code: 'S28', description: 'Injury, fracture' },
  { code: 'S29', description: 'Nervous system disorders' },
  { code: 'S30', description: 'Pregnancy related disorders' },
  { code: 'S31', description: 'Skin disorders' },
  { code: 'S32', description: 'Substance abuse' },
  { code: 'S98', description: 'Other known causes - not elsewhere classified' },
  { code: 'S99', description: 'Unknown causes / Not specified' },
] as const;

const byCode = new Map<string, string>(ESR_SICKNESS_REASONS.map((r) => [r.code, r.description]));

export function isEsrReasonCode(code: string): boolean {
  return byCode.has(code);
}

export function esrReasonDescription(code: string): string | null {
  return byCode.get(code) ?? null;
}
