// `coach sessions`: lists what is saved in the data folder.
import { parseArgs } from 'node:util';
import { formatSessionList } from '../formatReport';
import type { Command, Io } from '../io';
import { announceRecovery, openCliApp } from '../openApp';

export const sessionsCommand: Command = { usage: 'coach sessions [--json]', run: sessions };

async function sessions(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const coach = openCliApp();
  try {
    await announceRecovery(coach, io);
    const list = await coach.handlers['sessions:list']();
    io.out(values.json ? JSON.stringify(list, null, 2) : formatSessionList(list));
    return 0;
  } finally {
    await coach.close();
  }
}
