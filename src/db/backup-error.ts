/** A backup or restore that cannot go ahead, with what to do about it: exit status 1. */
export class BackupError extends Error {}
