// `coach import <file.coach>`: adds a session bundle exported on another machine; twice is harmless.
import { importSessionBundle } from '../../core/export/sessionBundle';
import type { Command, Io } from '../io';
import { openCliApp } from '../openApp';

export const importCommand: Command = { usage: 'coach import <file.coach>', run: importBundle };

async function importBundle(args: string[], io: Io): Promise<number> {
  const [file, ...extra] = args;
  if (!file || extra.length) {
    io.err(`Usage: ${importCommand.usage}`);
    return 2;
  }
  const coach = openCliApp();
  try {
    const result = importSessionBundle(coach.storage, coach.paths, file);
    io.out(
      result.status === 'imported'
        ? `Imported session ${result.sessionId} (${result.answers} answer${result.answers === 1 ? '' : 's'}).`
        : `Session ${result.sessionId} is already here; nothing imported.`,
    );
    return 0;
  } finally {
    await coach.close();
  }
}
