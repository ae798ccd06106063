// Browser mode (`coach serve`): the server went away while an answer was being recorded. The answer
// has ended here (microphone and timer stopped); this says what was kept and how to get it back.
import { useEffect, useRef } from 'react';
import { formatClock } from '../../lib/format';
import { useCoachStore } from '../../store';

export function ServerGoneNotice() {
  const cut = useCoachStore((s) => s.cutAnswer);
  const connection = useCoachStore((s) => s.serverConnection);
  const dismiss = useCoachStore((s) => s.dismissCutAnswer);
  const ref = useRef<HTMLDivElement>(null);
  const shown = cut !== null;
  // In a small window the recorder may sit below the fold: bring the news into view.
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shown]);
  if (!cut) return null;
  const back = connection === 'back';
  return (
    <div className="notice notice-error server-gone" role="alert" ref={ref}>
      <div>
        <p className="notice-title">Interview Coach stopped while you were answering.</p>
        <p className="notice-body">
          What you said up to {formatClock(cut.elapsedSec)} is kept and will be recovered when it starts
          again.
        </p>
        <p className="notice-body">
          {back ? (
            'It is running again: reload this page to see your recovered answer.'
          ) : (
            <>
              Start it again with <code>coach serve</code>, then reload this page.
            </>
          )}
        </p>
      </div>
      {back ? (
        <button
          type="button"
          className="button button-primary button-small"
          onClick={() => location.reload()}
        >
          Reload
        </button>
      ) : (
        <button type="button" className="button button-quiet button-small" onClick={dismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
