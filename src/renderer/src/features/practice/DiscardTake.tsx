import { useEffect, useState } from 'react';
import { useCoachStore } from '../../store';
import { discardTake } from './answerRecorder';

/** Esc while recording asks whether to throw the take away (a false start); Keep carries on recording. */
export function DiscardTake() {
  const recording = useCoachStore((s) => s.recording);
  const answerId = useCoachStore((s) => s.answerId);
  const [askingFor, setAskingFor] = useState<string | null>(null);
  const [discardedId, setDiscardedId] = useState<string | null>(null);

  useEffect(() => {
    if (recording !== 'recording' || !answerId) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setAskingFor(answerId);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [recording, answerId]);

  // The question belongs to the take being recorded; once it stops, the question goes with it.
  const asking = askingFor !== null && askingFor === answerId && recording === 'recording';
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
            onClick={() => {
              const id = answerId;
              void discardTake().then((done) => done && setDiscardedId(id));
            }}
          >
            Discard take
          </button>
          <button
            type="button"
            className="button button-secondary"
            autoFocus
            onClick={() => setAskingFor(null)}
          >
            Keep recording
          </button>
        </div>
      </div>
    );
  }
  if (discardedId !== null && discardedId === answerId && recording === 'idle') {
    return (
      <p className="notice discard-done" role="status">
        Take discarded — nothing of it was saved.
      </p>
    );
  }
  return null;
}
