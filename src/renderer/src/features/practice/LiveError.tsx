import { useState } from 'react';
import { useCoachStore } from '../../store';
import { retrySave } from './answerRecorder';

/**
 * A problem during or right after an answer (microphone, engine), until dismissed. When Stop could
 * not save the answer (a full disk), main kept its transcript and "Save again" retries.
 */
export function LiveError() {
  const message = useCoachStore((s) => s.liveError);
  const unsavedAnswerId = useCoachStore((s) => s.unsavedAnswerId);
  const dismiss = useCoachStore((s) => s.dismissLiveError);
  const [saving, setSaving] = useState(false);
  if (!message) return null;
  const saveAgain = () => {
    setSaving(true);
    void retrySave().finally(() => setSaving(false));
  };
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-message">{message}</p>
      {unsavedAnswerId && (
        <button type="button" className="button" onClick={saveAgain} disabled={saving}>
          {saving ? 'Saving…' : 'Save again'}
        </button>
      )}
      <button type="button" className="button button-quiet" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
