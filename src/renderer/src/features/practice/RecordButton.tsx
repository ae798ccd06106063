import type { RefObject } from 'react';
import { useCoachStore } from '../../store';
import { toggleRecording } from './answerRecorder';

const LABELS = {
  idle: 'Record answer',
  starting: 'Starting…',
  recording: 'Stop',
  finalising: 'Finalising…',
} as const;

type Props = { buttonRef?: RefObject<HTMLButtonElement | null> };

export function RecordButton({ buttonRef }: Props) {
  const recording = useCoachStore((s) => s.recording);
  const engineReady = useCoachStore((s) => s.engineStatus.state === 'ready');
  const hasQuestion = useCoachStore((s) => s.currentQuestionId !== null);
  const importing = useCoachStore((s) => s.recordingImport !== null);
  // With the server gone (browser mode) nothing can be recorded until the page is reloaded.
  const serverUp = useCoachStore((s) => s.serverConnection === 'up');
  const disabled =
    recording === 'finalising' ||
    (recording === 'idle' && (!engineReady || !hasQuestion || importing || !serverUp));

  return (
    <button
      ref={buttonRef}
      type="button"
      className={`record-button is-${recording}`}
      onClick={() => void toggleRecording()}
      disabled={disabled}
      aria-keyshortcuts="Space"
    >
      <span className="record-icon" aria-hidden="true" />
      <span className="record-label">{LABELS[recording]}</span>
      {(recording === 'idle' || recording === 'recording') && (
        <kbd className="record-kbd" aria-hidden="true">
          Space
        </kbd>
      )}
    </button>
  );
}
