import { useRef, useState } from 'react';
import { useCoachStore } from '../../store';
import { errorMessage } from '../../store/loadStatus';
import { coachApi } from '../../coachApi';

/** The file's bytes (FileReader: available in every renderer, including test DOMs without Blob.arrayBuffer). */
function readBytes(file: File): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} could not be read.`));
    reader.readAsArrayBuffer(file);
  });
}

/** Imports a session bundle (.coach) a client sent; importing the same one twice adds nothing. */
export function ImportBundle() {
  const input = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const loadHistory = useCoachStore((s) => s.loadHistory);

  const importFile = async (file: File) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await coachApi().importBundle(await readBytes(file), file.name);
      setMessage({
        ok: true,
        text:
          result.status === 'imported'
            ? `Imported ${file.name}: ${result.answers} answer${result.answers === 1 ? '' : 's'}.`
            : `${file.name} is already in your history; nothing was added.`,
      });
      void loadHistory();
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e, `${file.name} could not be imported.`) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="import-bundle">
      <input
        ref={input}
        type="file"
        accept=".coach,application/x-tar"
        className="visually-hidden"
        aria-label="Session bundle to import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file);
        }}
      />
      <button
        type="button"
        className="button button-secondary"
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {busy ? 'Importing…' : 'Import a session…'}
      </button>
      {message && (
        <p
          className={message.ok ? 'muted' : 'notice-body import-error'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
