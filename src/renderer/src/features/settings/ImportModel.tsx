import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useCoachStore } from '../../store';
import { coachApi } from '../../coachApi';

/** Copies a whisper.cpp model from elsewhere on this computer into the models folder. */
export function ImportModel() {
  const runModelAction = useCoachStore((s) => s.runModelActionInPlace);
  const [sourcePath, setSourcePath] = useState('');
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const errorRef = useRef<HTMLParagraphElement>(null);

  // At the foot of a small window the message would sit just below the fold: bring it up.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [error]);
  const pathForFile = coachApi().pathForFile;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setImported(null);
    setError(null);
    const failure = await runModelAction(
      () => coachApi().importModel(sourcePath.trim()),
      'The model could not be imported.',
    );
    setBusy(false);
    setError(failure);
    if (failure === null) {
      setImported(sourcePath.trim());
      setSourcePath('');
    }
  };

  return (
    <form className="model-import" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span className="field-label">Import a model file (.bin)</span>
        <input
          type="text"
          value={sourcePath}
          placeholder="/path/to/ggml-model.bin"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setSourcePath(e.target.value)}
        />
        <span className="field-help">
          A whisper.cpp ggml model already on this computer. It is checked, then copied into the models
          folder.
        </span>
      </label>
      {pathForFile && (
        <label className="button button-secondary button-small model-choose">
          Choose file…
          <input
            type="file"
            accept=".bin"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) setSourcePath(pathForFile(file));
            }}
          />
        </label>
      )}
      <button
        type="submit"
        className="button button-secondary button-small"
        disabled={busy || !sourcePath.trim()}
      >
        {busy ? 'Importing…' : 'Import'}
      </button>
      {error && (
        <p id={errorId} ref={errorRef} className="notice notice-error model-import-error" role="alert">
          {error}
        </p>
      )}
      {imported && (
        <p className="saved-note" role="status">
          Imported
        </p>
      )}
    </form>
  );
}
