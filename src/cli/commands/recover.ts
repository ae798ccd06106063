// `coach recover`: finishes answers whose recording was interrupted (crash, kill, power cut). The app
// and `coach serve` do this at start; this is the same step for headless machines.
import { parseArgs } from 'node:util';
import type { Command, Io } from '../io';
import { openCliApp } from '../openApp';

export const recoverCommand: Command = { usage: 'coach recover [--json] [--model path]', run: recover };

async function recover(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false }, model: { type: 'string' } },
  });
  const coach = openCliApp({ modelPath: values.model, recoverInterrupted: true });
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
          })),
          null,
          2,
        ),
      );
    } else if (recovered.length === 0) io.out('No interrupted answers to recover.');
    else
      for (const a of recovered)
        io.out(
          `Recovered answer ${a.answerId} (${a.report.durationSec.toFixed(1)} s) in session ${a.sessionId}`,
        );
    return 0;
  } finally {
    await coach.close();
  }
}
