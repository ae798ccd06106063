// Opens the SQLite database with the settings every connection needs, and migrates it.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export type OpenDatabaseOptions = {
  /** better-sqlite3 build to load; Electron passes its own ABI's build (see scripts/prepareElectron.mjs). */
  nativeBinding?: string;
};

const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(dbPath: string, options: OpenDatabaseOptions = {}): Db {
  mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new Database(dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database was written by a newer Interview Coach (schema ${current}, this version knows ${MIGRATIONS.length}). Update the app.`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    // Each migration and its version bump commit together, or not at all.
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
