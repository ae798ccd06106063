// Exports a saved session to a file, its format chosen by the extension: .md, .json, .pdf or .coach.
import path from 'node:path';
import { scoreSession } from '../coaching/sessionScore';
import type { DataPaths } from '../dataPaths';
import type { SessionStores } from '../storage/repositories';
import { isInside } from '../pathContainment';
import { writeFileAtomic } from '../atomicWrite';
import { sessionToHtml } from './htmlReport';
import { sessionToMarkdown } from './markdownReport';
import { BUNDLE_EXTENSION, buildSessionBundle } from './sessionBundle';
import { buildSessionExport, sessionToJson, type SessionExport } from './sessionExport';

export const EXPORT_FORMATS = {
  '.md': 'Markdown',
  '.json': 'JSON',
  '.pdf': 'PDF',
  [BUNDLE_EXTENSION]: 'bundle',
} as const;
export type ExportExtension = keyof typeof EXPORT_FORMATS;

export class ExportError extends Error {}

export function loadSessionExport(stores: SessionStores, sessionId: string): SessionExport {
  const detail = stores.sessions.getSession(sessionId);
  if (!detail) throw new ExportError(`No saved session with id ${sessionId}.`);
  const withScore = { ...detail, sessionScore: scoreSession(detail.answers.map((a) => a.report.coaching)) };
  return buildSessionExport(withScore, stores.notes.sessionReview(sessionId));
}

export function exportExtension(file: string): ExportExtension {
  const ext = path.extname(file).toLowerCase();
  if (!(ext in EXPORT_FORMATS)) {
    throw new ExportError(
      `Name the file .md, .json, .pdf or ${BUNDLE_EXTENSION} to choose the format (got “${ext || 'none'}”).`,
    );
  }
  return ext as ExportExtension;
}

export type PdfRenderer = (html: string) => Promise<Buffer>;

const MIME_TYPES: Record<ExportExtension, string> = {
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  [BUNDLE_EXTENSION]: 'application/x-tar',
};

export type ExportedFile = { fileName: string; mimeType: string; bytes: Buffer };

/** "Mock interview, round 2" started 2026-03-01 → "2026-03-01 Mock interview round 2.md". */
export function exportFileName(title: string, startedAt: string, ext: ExportExtension): string {
  const safe =
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60) || 'Session';
  return `${startedAt.slice(0, 10)} ${safe}${ext}`;
}

/** The session in one format, in memory: for the app's download and for `exportSessionToFile`. */
export async function exportSessionBytes(
  stores: SessionStores,
  paths: DataPaths,
  sessionId: string,
  ext: ExportExtension,
  /** Injected, so the Electron bundle never pulls in playwright (it prints with its own Chromium). */
  pdf: PdfRenderer | undefined,
): Promise<ExportedFile> {
  const data = loadSessionExport(stores, sessionId);
  let bytes: Buffer;
  if (ext === '.md') bytes = Buffer.from(sessionToMarkdown(data));
  else if (ext === '.json') bytes = Buffer.from(sessionToJson(data));
  else if (ext === '.pdf') {
    if (!pdf) throw new ExportError('PDF export is not available here; export Markdown or JSON instead.');
    bytes = await pdf(sessionToHtml(data));
  } else {
    const audio = new Map<string, string>();
    for (const a of stores.sessions.getSession(sessionId)?.answers ?? []) {
      if (isInside(paths.audioDir, a.audioPath)) audio.set(a.answerId, a.audioPath);
    }
    bytes = buildSessionBundle(data, audio);
  }
  return {
    fileName: exportFileName(data.session.title, data.session.startedAt, ext),
    mimeType: MIME_TYPES[ext],
    bytes,
  };
}

/** Writes the session to `file` (atomically: a reader never sees half a file). */
export async function exportSessionToFile(
  stores: SessionStores,
  paths: DataPaths,
  sessionId: string,
  file: string,
  pdf?: PdfRenderer,
): Promise<ExportExtension> {
  const ext = exportExtension(file);
  writeFileAtomic(file, (await exportSessionBytes(stores, paths, sessionId, ext, pdf)).bytes);
  return ext;
}
