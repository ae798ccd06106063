import { useEffect, useRef } from 'react';
import { formatClock, formatDateTime, formatWpm, plural } from '../../lib/format';
import { useCoachStore } from '../../store';
import { AnswerResultView } from '../result/AnswerResultView';
import { SessionReport } from '../session/SessionReport';
import { AnswerAudio } from './AnswerAudio';

export function SessionDetailView() {
  const session = useCoachStore((s) => s.selectedSession);
  const error = useCoachStore((s) => s.selectedSessionError);
  const closeSession = useCoachStore((s) => s.closeSession);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeSession();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [closeSession]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [session?.id]);

  const back = (
    <button
      type="button"
      className="button button-quiet back-button"
      onClick={closeSession}
      aria-keyshortcuts="Escape"
    >
      <span aria-hidden="true">‹</span> All sessions
    </button>
  );

  if (error) {
    return (
      <div className="session-detail">
        {back}
        <div className="notice notice-error" role="alert">
          <div>
            <p className="notice-title">This session could not be opened</p>
            <p className="notice-body">{error}</p>
          </div>
        </div>
      </div>
    );
  }

  if (!session) {
    return (
      <div className="session-detail">
        {back}
        <p className="muted loading-line" role="status">
          <span className="spinner spinner-small" aria-hidden="true" /> Opening session…
        </p>
      </div>
    );
  }

  const when = formatDateTime(session.startedAt);
  return (
    <article className="session-detail" aria-labelledby="session-title">
      {back}
      <header className="detail-header">
        <p className="eyebrow">
          {when.date} · {when.time}
        </p>
        <h1 id="session-title" className="page-title" tabIndex={-1} ref={headingRef}>
          {session.title}
        </h1>
        <p className="muted">
          {plural(session.answerCount, 'answer')} · {formatClock(session.durationSec)} ·{' '}
          {formatWpm(session.wordsPerMinute)} wpm · {plural(session.fillerCount, 'filler')}
        </p>
      </header>
      <SessionReport session={session} />
      {session.answers.length === 0 && <p className="muted">This session has no saved answers.</p>}
      {session.answers.map((answer, index) => (
        <section
          key={answer.answerId}
          className="detail-answer"
          aria-labelledby={`answer-${answer.answerId}`}
        >
          <p className="eyebrow">
            Answer {index + 1} of {session.answers.length}
          </p>
          <h2 id={`answer-${answer.answerId}`} className="detail-question">
            {answer.questionText}
          </h2>
          <AnswerAudio answerId={answer.answerId} label={`Recording of answer ${index + 1}`} />
          <AnswerResultView result={answer} headingLevel={3} />
        </section>
      ))}
    </article>
  );
}
