// Above every screen: which answers the start-up recovery finished after Interview Coach (or
// `coach serve`) stopped mid-answer, until each is dismissed. An answer the engine could not
// transcribe says so, with "Transcribe again": never presented as silence.
import { useShallow } from 'zustand/react/shallow';
import { recoveryNoticeText, type RecoveryNotice } from '../../../../shared/recoveryNotice';
import { navigate } from '../../routing/navigation';
import { sessionRoute } from '../../routing/routes';
import { useCoachStore } from '../../store';
import { useTranscribeAgain } from '../result/useTranscribeAgain';
import './recovery.css';

function TranscribeAgain({ notice }: { notice: RecoveryNotice }) {
  const transcribed = useCoachStore((s) => s.recoveryNoticeTranscribed);
  const { engineReady, working, failure, run } = useTranscribeAgain(notice.answerId, () =>
    transcribed(notice.answerId),
  );
  return (
    <>
      <button
        type="button"
        className="button button-primary button-small"
        disabled={!engineReady || working}
        title={engineReady ? undefined : 'Available once the speech engine is ready'}
        onClick={() => void run()}
      >
        {working ? 'Transcribing…' : 'Transcribe again'}
      </button>
      {failure && <p className="notice-body recovery-failure">{failure}</p>}
    </>
  );
}

function Notice({ notice }: { notice: RecoveryNotice }) {
  const dismiss = useCoachStore((s) => s.dismissRecoveryNotice);
  // Leaving Practice mid-answer is not allowed; the notice waits.
  const busy = useCoachStore((s) => s.recording !== 'idle');
  const text = recoveryNoticeText(notice);
  return (
    <div
      className={`notice recovery-notice ${notice.transcribed ? 'notice-info' : 'notice-error'}`}
      role="status"
      data-answer-id={notice.answerId}
    >
      <div>
        <p className="notice-title">{text}</p>
        <p className="notice-body">
          {notice.transcribed
            ? 'Interview Coach stopped while you were answering. What was recorded is saved and scored.'
            : 'Interview Coach stopped while you were answering. The recording is kept, but it has no transcript or scores yet: transcribe it again once the speech engine works.'}
        </p>
      </div>
      <div className="recovery-actions">
        {!notice.transcribed && <TranscribeAgain notice={notice} />}
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={busy}
          onClick={() => navigate(sessionRoute(notice.sessionId, notice.answerId))}
        >
          Open answer
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={`Dismiss: ${text}`}
          onClick={() => void dismiss(notice.answerId)}
        >
          Dismiss
        </button>
      </div>
    </div>
  );
}

export function RecoveryNotices() {
  const notices = useCoachStore(useShallow((s) => s.recoveryNotices));
  if (notices.length === 0) return null;
  return (
    <section className="recovery-notices" aria-label="Recovered answers">
      {notices.map((notice) => (
        <Notice key={notice.answerId} notice={notice} />
      ))}
    </section>
  );
}
