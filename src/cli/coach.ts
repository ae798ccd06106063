// `coach`: the headless front door. Each command lives in commands/<name>.ts.
import { analyzeCommand } from './commands/analyze';
import { recoverCommand } from './commands/recover';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { serveCommand } from './commands/serve';
import { sessionsCommand } from './commands/sessions';
import { defaultIo, type Command, type Io } from './io';

const COMMANDS: Record<string, Command> = {
  analyze: analyzeCommand,
  recover: recoverCommand,
  sessions: sessionsCommand,
  serve: serveCommand,
  export: exportCommand,
  import: importCommand,
};

const usage = (): string =>
  [
    'Usage:',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    '',
    'Audio: wav, mp3, m4a, webm, ogg or anything else ffmpeg reads.',
    'Transcripts: [{"text","startSec","endSec"}] or whisper.cpp\'s -ojf JSON.',
    'Data folder: $COACH_DATA_DIR or the platform default; model: --model, $COACH_WHISPER_MODEL or <data>/models.',
  ].join('\n');

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === 'help') {
    io.err(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command: ${name}\n\n${usage()}`);
    return 2;
  }
  // Every command answers --help (or -h) with its own usage, whatever else is on the line.
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage:\n  ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    io.err(`coach: ${(err as Error).message}`);
    return 1;
  }
}
