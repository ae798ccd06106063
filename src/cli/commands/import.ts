// `coach import <file.coach>`: adds a session bundle exported on another machine; twice is harmless.
import { dataPaths } from '../../core/dataPaths';
import { importSessionBundle } from '../../core/export/sessionBundle';
import { openDatabase } from '../../core/storage/database';
import { createRepositories } from '../../core/storage/repositories';
import type { Command, Io } from '../io';

export const importCommand: Command = { usage: 'coach import <file.coach>', run: importBundle };

function importBundle(args: string[], io: Io): number {
  const [file, ...extra] = args;
  if (!file || extra.length) {
    io.err(`Usage: ${importCommand.usage}`);
    return 2;
  }
  const paths = dataPaths();
  const db = openDatabase(paths.dbPath);
  try {
    const result = importSessionBundle(createRepositories(db), paths, file);
    io.out(
      result.status === 'imported'
        ? `Imported session ${result.sessionId} (${result.answers} answer${result.answers === 1 ? '' : 's'}).`
        : `Session ${result.sessionId} is already here; nothing imported.`,
    );
    return 0;
  } finally {
    db.close();
  }
}
