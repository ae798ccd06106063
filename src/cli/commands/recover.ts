// `coach recover`: finishes answers whose recording was interrupted (crash, kill, power cut) and says
// so in the words of the app's banner. Every start does this (the app, `coach serve`, any command);
// this command does only that, and waits for it.
import { parseArgs } from 'node:util';
import type { Command, Io } from '../io';
import { openCliApp, recoveredLines } from '../openApp';

export const recoverCommand: Command = { usage: 'coach recover [--json] [--model path]', run: recover };

async function recover(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false }, model: { type: 'string' } },
  });
  const coach = openCliApp({ modelPath: values.model });
  try {
    const recovered = await coach.recovery;
    if (values.json) {
      io.out(
        JSON.stringify(
          recovered.map((a) => ({
            answerId: a.answerId,
            sessionId: a.sessionId,
            durationSec: a.report.durationSec,
            words: a.words.length,
            transcribed: a.notTranscribed === undefined,
            message: recoveredLines([a])[0],
          })),
          null,
          2,
        ),
      );
    } else if (recovered.length === 0) io.out('No interrupted answers to recover.');
    else
      recoveredLines(recovered).forEach((line, i) => {
        const a = recovered[i]!;
        io.out(line);
        if (a.notTranscribed)
          io.out('  Open it in Interview Coach and choose "Transcribe again" once the engine works.');
        io.out(`  session ${a.sessionId}, answer ${a.answerId}`);
      });
    return 0;
  } finally {
    await coach.close();
  }
}
