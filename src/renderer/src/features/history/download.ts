// Saves bytes as a file through the browser's download: in Electron this opens the Save dialog,
// in a browser it lands in Downloads. One path for both front doors.
import type { ExportedSession } from '../../../../shared/domain';

/** Long enough for the download to start reading the Blob before its URL is released. */
const REVOKE_AFTER_MS = 60_000;

export function saveDownload(file: ExportedSession): void {
  const url = URL.createObjectURL(new Blob([file.bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
