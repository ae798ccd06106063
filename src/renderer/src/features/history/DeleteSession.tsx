import { useEffect, useRef, useState } from 'react';
import type { SessionSummary } from '../../../../shared/domain';
import { plural } from '../../lib/format';
import { navigate } from '../../routing/navigation';
import { HISTORY_ROUTE } from '../../routing/routes';
import { useCoachStore } from '../../store';
import { errorMessage } from '../../store/loadStatus';
import { coachApi } from '../../coachApi';

/** Deletes the open session and its recordings, after asking in place. */
export function DeleteSession({ session }: { session: SessionSummary }) {
  const closeSession = useCoachStore((s) => s.closeSession);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const loadHistory = useCoachStore((s) => s.loadHistory);
  const keepRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (asking) keepRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" className="button button-quiet" onClick={() => setAsking(true)}>
        Delete session…
      </button>
    );
  }
  const remove = async () => {
    setBusy(true);
    try {
      await coachApi().deleteSession(session.id);
      useCoachStore.setState({ lastOpenedSessionId: null });
      // The deleted session's address must not stay in the history for Back or Forward.
      navigate(HISTORY_ROUTE, { replace: true });
      closeSession();
      void loadHistory();
    } catch (e) {
      setError(errorMessage(e, 'The session could not be deleted.'));
      setBusy(false);
    }
  };
  return (
    <div
      className="confirm-delete"
      role="alertdialog"
      aria-labelledby="confirm-delete-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          setAsking(false);
        }
      }}
    >
      <p id="confirm-delete-title">
        Delete “{session.title}”, its {plural(session.answerCount, 'answer')}, recordings and notes? This
        cannot be undone.
      </p>
      {error && <p className="notice-body">{error}</p>}
      <button type="button" className="button button-danger" disabled={busy} onClick={() => void remove()}>
        Delete
      </button>
      <button
        type="button"
        className="button button-secondary"
        ref={keepRef}
        onClick={() => setAsking(false)}
      >
        Keep
      </button>
    </div>
  );
}
