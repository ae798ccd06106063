// `coach export <session-id> <file>`: a saved session as Markdown, JSON, a PDF report or a portable bundle.
import { dataPaths } from '../../core/dataPaths';
import { EXPORT_FORMATS, exportSessionToFile } from '../../core/export/exportSession';
import { renderPdf } from '../../core/export/pdfRender';
import { openDatabase } from '../../core/storage/database';
import { createRepositories } from '../../core/storage/repositories';
import type { Command, Io } from '../io';

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
  const paths = dataPaths();
  const db = openDatabase(paths.dbPath);
  try {
    const ext = await exportSessionToFile(createRepositories(db), paths, sessionId, file, renderPdf);
    io.out(`Exported session ${sessionId} as ${EXPORT_FORMATS[ext]} to ${file}`);
    return 0;
  } finally {
    db.close();
  }
}
