import { useEffect, useRef, useState } from 'react';
import { useCoachStore } from '../../store';
import { discardTake } from './answerRecorder';

/** Esc while recording asks whether to throw the take away (a false start); Keep carries on recording. */
export function DiscardTake({ onAskingChange }: { onAskingChange: (asking: boolean) => void }) {
  const recording = useCoachStore((s) => s.recording);
  const [asking, setAsking] = useState(false);
  const [discarded, setDiscarded] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (recording !== 'recording') return;
    setDiscarded(false);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setAsking(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [recording]);

  useEffect(() => {
    if (recording !== 'recording') setAsking(false);
  }, [recording]);
  useEffect(() => {
    onAskingChange(asking);
    if (asking) keepRef.current?.focus();
  }, [asking, onAskingChange]);

  if (asking) {
    return (
      <div
        className="discard-take"
        role="alertdialog"
        aria-labelledby="discard-title"
        aria-describedby="discard-body"
      >
        <p id="discard-title" className="notice-title">
          Discard this take?
        </p>
        <p id="discard-body" className="muted">
          Still recording. Discarding keeps nothing of it: no recording, no transcript.
        </p>
        <div className="discard-actions">
          <button
            type="button"
            className="button button-danger"
            onClick={() => void discardTake().then((done) => done && setDiscarded(true))}
          >
            Discard take
          </button>
          <button
            type="button"
            className="button button-secondary"
            ref={keepRef}
            onClick={() => setAsking(false)}
          >
            Keep recording
          </button>
        </div>
      </div>
    );
  }
  if (discarded && recording === 'idle') {
    return (
      <p className="notice discard-done" role="status">
        Take discarded — nothing of it was saved.
      </p>
    );
  }
  return null;
}
