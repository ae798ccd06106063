import { plural } from '../../lib/format';
import { useCoachStore } from '../../store';

/** The "keep no history" switch: answers are still transcribed and reported, but nothing is saved. */
function KeepNoHistorySwitch() {
  const on = useCoachStore((s) => s.keepNoHistory);
  const setKeepNoHistory = useCoachStore((s) => s.setKeepNoHistory);
  const busy = useCoachStore((s) => s.recording !== 'idle');
  return (
    <label className={`history-switch ${on ? 'is-on' : ''}`}>
      <input
        type="checkbox"
        role="switch"
        checked={on}
        disabled={busy}
        onChange={(e) => setKeepNoHistory(e.target.checked)}
      />
      Keep no history
    </label>
  );
}

/** Which practice session the next answer joins, and a way to start a fresh one. */
export function SessionBar() {
  const sessionId = useCoachStore((s) => s.activeSessionId);
  const answerCount = useCoachStore((s) => s.activeSessionAnswerCount);
  const startNewSession = useCoachStore((s) => s.startNewSession);
  const busy = useCoachStore((s) => s.recording !== 'idle');
  const keepNoHistory = useCoachStore((s) => s.keepNoHistory);

  if (keepNoHistory) {
    return (
      <div className="session-bar">
        <p className="session-status no-history-status" aria-live="polite">
          <span className="no-history-icon" aria-hidden="true" />
          Nothing is saved: no recording, no transcript
        </p>
        <KeepNoHistorySwitch />
      </div>
    );
  }
  if (sessionId === null) {
    return (
      <div className="session-bar">
        <p className="session-status">Your answers will be saved as a new session</p>
        <KeepNoHistorySwitch />
      </div>
    );
  }
  return (
    <div className="session-bar">
      <p className="session-status" aria-live="polite">
        This session
        {answerCount > 0 && (
          <>
            {' '}
            · <strong>{plural(answerCount, 'answer')}</strong>
          </>
        )}
      </p>
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={startNewSession}
        disabled={busy}
      >
        New session
      </button>
      <KeepNoHistorySwitch />
    </div>
  );
}
