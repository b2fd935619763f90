import type { Capability } from '../../web/capability.ts';
import { ensureBankHolidays } from './bank-holidays-service.ts';

/** The calendar: the bank holidays of each part of the UK. */
export const capability: Capability = {
  name: 'The calendar: bank holidays of each part of the UK',
  // An empty installation starts with the bank holidays shipped with Wellwork.
  prepare: ensureBankHolidays,
};
