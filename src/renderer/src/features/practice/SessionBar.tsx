import { plural } from '../../lib/format';
import { useCoachStore } from '../../store';

/** Which practice session the next answer joins, and a way to start a fresh one. */
export function SessionBar() {
  const sessionId = useCoachStore((s) => s.activeSessionId);
  const answerCount = useCoachStore((s) => s.activeSessionAnswerCount);
  const startNewSession = useCoachStore((s) => s.startNewSession);
  const busy = useCoachStore((s) => s.recording !== 'idle');

  if (sessionId === null) {
    return (
      <div className="session-bar">
        <p className="session-status">Your answers will be saved as a new session</p>
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
    </div>
  );
}
