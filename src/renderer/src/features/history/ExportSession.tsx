import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/domain';
import { errorMessage } from '../../store/loadStatus';
import { saveDownload } from './download';
import { coachApi } from '../../coachApi';

const FORMATS: { format: ExportFormat; label: string; title: string }[] = [
  { format: 'pdf', label: 'PDF', title: 'A printable report' },
  { format: 'md', label: 'Markdown', title: 'The report as text' },
  { format: 'json', label: 'JSON', title: 'Everything, with each word’s timing' },
  {
    format: 'coach',
    label: 'Bundle',
    title: 'Audio, transcript, metrics and notes in one file, to send to a coach',
  },
];

/** Export buttons for the open session: each saves one file. */
export function ExportSession({ sessionId }: { sessionId: string }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    try {
      saveDownload(await coachApi().exportSession(sessionId, format));
    } catch (e) {
      setError(errorMessage(e, 'The session could not be exported.'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="export-session" role="group" aria-label="Export">
      <span className="filter-label">Export</span>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          type="button"
          className="button button-secondary button-small"
          title={f.title}
          disabled={busy !== null}
          onClick={() => void run(f.format)}
        >
          {busy === f.format ? 'Exporting…' : f.label}
        </button>
      ))}
      {error && (
        <p className="notice-body export-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
