import { useCoachStore } from '../../store';

/** A problem during or right after an answer (microphone, engine), until dismissed. */
export function LiveError() {
  const message = useCoachStore((s) => s.liveError);
  const dismiss = useCoachStore((s) => s.dismissLiveError);
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-message">{message}</p>
      <button type="button" className="button button-quiet" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
