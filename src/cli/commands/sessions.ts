// `coach sessions`: lists what is saved in the data folder.
import { parseArgs } from 'node:util';
import { dataPaths } from '../../core/dataPaths';
import { openDatabase } from '../../core/storage/database';
import { SessionRepository } from '../../core/storage/sessionRepository';
import { formatSessionList } from '../formatReport';
import type { Command, Io } from '../io';

export const sessionsCommand: Command = { usage: 'coach sessions [--json]', run: sessions };

function sessions(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const db = openDatabase(dataPaths().dbPath);
  try {
    const list = new SessionRepository(db).listSessions();
    io.out(values.json ? JSON.stringify(list, null, 2) : formatSessionList(list));
    return 0;
  } finally {
    db.close();
  }
}
