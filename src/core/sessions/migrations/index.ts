import init from './001_init';

/** Ordered; the database's user_version records how many have been applied. */
export const MIGRATIONS: readonly string[] = [init];
