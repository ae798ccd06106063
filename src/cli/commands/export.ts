// `coach export <session-id> <file>`: a saved session as Markdown, JSON, a PDF report or a portable bundle.
import { EXPORT_FORMATS, exportSessionToFile } from '../../core/export/exportSession';
import { renderPdf } from '../../core/export/pdfRender';
import type { Command, Io } from '../io';
import { announceRecovery, openCliApp } from '../openApp';

export const exportCommand: Command = {
  usage: 'coach export <session-id> <file.md|.json|.pdf|.coach>   (ids: coach sessions --json)',
  run: exportSession,
};

async function exportSession(args: string[], io: Io): Promise<number> {
  const [sessionId, file, ...extra] = args;
  if (!sessionId || !file || extra.length) {
    io.err(`Usage: ${exportCommand.usage}`);
    return 2;
  }
  const coach = openCliApp();
  try {
    await announceRecovery(coach, io);
    const ext = await exportSessionToFile(coach.storage, coach.paths, sessionId, file, renderPdf);
    io.out(`Exported session ${sessionId} as ${EXPORT_FORMATS[ext]} to ${file}`);
    return 0;
  } finally {
    await coach.close();
  }
}
