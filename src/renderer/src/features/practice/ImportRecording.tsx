import { useEffect, useRef, useState } from 'react';
import { formatClock } from '../../lib/format';
import { useCoachStore } from '../../store';
import type { RecordingImport } from '../../store/importSlice';
import { selectCurrentQuestion } from '../../store/sessionSlice';
import { cancelImport, importRecordingFile, RECORDING_ACCEPT } from './recordingImport';
import './importRecording.css';

const IS_MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const OPEN_KEY_LABEL = IS_MAC ? '⌘O' : 'Ctrl+O';

function stageText(imp: RecordingImport): string {
  if (imp.cancelling) return 'Cancelling…';
  switch (imp.stage) {
    case 'starting':
      return 'Reading the file…';
    case 'uploading':
      return 'Sending the file…';
    case 'transcribing':
      return imp.durationSec
        ? `Transcribing ${formatClock(imp.processedSec ?? 0)} of ${formatClock(imp.durationSec)}`
        : `Transcribing ${formatClock(imp.processedSec ?? 0)}`;
    case 'finishing':
      return 'Finishing the transcript and the report…';
    case 'done':
      return 'Done';
  }
}

const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

/** Drop a file on the window, or pick one: it is analysed as this question's answer, with Cancel. */
export function ImportRecording() {
  const imp = useCoachStore((s) => s.recordingImport);
  const problem = useCoachStore((s) => s.importProblem);
  const dismiss = useCoachStore((s) => s.dismissImportProblem);
  const question = useCoachStore(selectCurrentQuestion);
  const canImport = useCoachStore(
    (s) => s.recording === 'idle' && s.engineStatus.state === 'ready' && s.currentQuestionId !== null,
  );
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const importing = imp !== null;

  // The whole window is the drop target: a file dropped anywhere on Practice is imported.
  useEffect(() => {
    let depth = 0;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = canImport && !importing ? 'copy' : 'none';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void importRecordingFile(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [canImport, importing]);

  // Ctrl/⌘+O opens the picker; Esc cancels an import.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && importing) {
        e.preventDefault();
        void cancelImport();
      } else if (e.key.toLowerCase() === 'o' && (IS_MAC ? e.metaKey : e.ctrlKey) && !e.altKey) {
        e.preventDefault();
        if (canImport && !importing) inputRef.current?.click();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canImport, importing]);

  const picker = (
    <input
      ref={inputRef}
      type="file"
      accept={RECORDING_ACCEPT}
      className="visually-hidden"
      tabIndex={-1}
      aria-label="Recording file"
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) void importRecordingFile(file);
      }}
    />
  );

  return (
    <section className="import-recording" aria-label="Import a recording">
      {picker}
      {imp ? (
        <div className="import-card card">
          <div className="import-head">
            <p className="import-title">
              Importing <strong className="import-file">{imp.fileName}</strong>
            </p>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => void cancelImport()}
              disabled={imp.cancelling}
              aria-keyshortcuts="Escape"
            >
              Cancel <kbd>Esc</kbd>
            </button>
          </div>
          <div
            className="import-bar"
            role="progressbar"
            aria-label={`Importing ${imp.fileName}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(imp.fraction * 100)}
            aria-valuetext={stageText(imp)}
          >
            <span className="import-bar-fill" style={{ width: `${(imp.fraction * 100).toFixed(1)}%` }} />
          </div>
          <p className="import-stage muted" aria-live="polite">
            {stageText(imp)} · {Math.round(imp.fraction * 100)}%
          </p>
        </div>
      ) : (
        <p className="import-row">
          <span className="muted">Have a recording of your answer? Drop the file here, or</span>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => inputRef.current?.click()}
            disabled={!canImport}
            aria-keyshortcuts={IS_MAC ? 'Meta+O' : 'Control+O'}
          >
            Import a recording… <kbd>{OPEN_KEY_LABEL}</kbd>
          </button>
        </p>
      )}
      {problem && !imp && (
        <div
          className={`notice ${problem.cancelled ? 'notice-info' : 'notice-error'} import-problem`}
          role={problem.cancelled ? 'status' : 'alert'}
        >
          <p className="notice-message">{problem.message}</p>
          <button type="button" className="button button-quiet button-small" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">
            <p className="drop-title">Drop to import</p>
            <p className="drop-question">
              {question ? <>Analysed as your answer to “{question.text}”</> : 'Choose a question first.'}
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
