import { useCallback, useEffect, useRef } from 'react';
import { formatClock, formatDateTime, formatWpm, plural } from '../../lib/format';
import { navigate, useRoute } from '../../routing/navigation';
import { HISTORY_ROUTE, routeHash, sessionRoute } from '../../routing/routes';
import { useCoachStore } from '../../store';
import type { ReviewJump } from '../../store/sessionSlice';
import { AnswerReview } from '../review/AnswerReview';
import { useSessionReview } from '../review/useSessionReview';
import { SessionReport } from '../session/SessionReport';
import { DeleteSession } from './DeleteSession';
import { ExportSession } from './ExportSession';

export function SessionDetailView() {
  const session = useCoachStore((s) => s.selectedSession);
  const error = useCoachStore((s) => s.selectedSessionError);
  const route = useRoute();
  const routeAnswerId = route.screen === 'history' ? route.answerId : null;
  const closeSession = useCallback(() => navigate(HISTORY_ROUTE), []);
  const pendingJump = useCoachStore((s) => s.reviewJump);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sessionId = useCoachStore((s) => s.selectedSessionId) ?? '';
  const review = useSessionReview(sessionId);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) closeSession();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [closeSession]);

  // A search hit opened this session: its answer takes focus (AnswerReview); otherwise the heading does.
  const jump: ReviewJump | null = session && pendingJump?.sessionId === session.id ? pendingJump : null;
  // An answer's address brings that answer into view; otherwise the session's heading takes focus.
  useEffect(() => {
    if (!session || jump) return;
    const answerHeading = routeAnswerId ? document.getElementById(`answer-${routeAnswerId}`) : null;
    if (answerHeading) {
      answerHeading.scrollIntoView?.({ block: 'start' });
      answerHeading.focus();
    } else {
      headingRef.current?.focus();
    }
  }, [session, jump, routeAnswerId]);

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
      <div className="detail-toolbar">
        {back}
        <DeleteSession session={session} />
      </div>
      <ExportSession sessionId={session.id} />
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
      {review.error && (
        <div className="notice notice-error" role="alert">
          <p className="notice-body">{review.error}</p>
        </div>
      )}
      <SessionReport session={session} />
      {session.answers.length === 0 && <p className="muted">This session has no saved answers.</p>}
      {session.answers.map((answer, index) => {
        const notes = review.review.notes.filter((n) => n.answerId === answer.answerId);
        return (
          <section
            key={answer.answerId}
            className="detail-answer"
            aria-labelledby={`answer-${answer.answerId}`}
          >
            <p className="eyebrow">
              <a
                className="answer-link"
                href={routeHash(sessionRoute(session.id, answer.answerId))}
                title="A link to this answer"
              >
                Answer {index + 1} of {session.answers.length}
              </a>
            </p>
            <h2 id={`answer-${answer.answerId}`} className="detail-question" tabIndex={-1}>
              {answer.questionText}
            </h2>
            <AnswerReview
              result={answer}
              label={`Recording of answer ${index + 1}`}
              notes={notes}
              start={jump?.answerId === answer.answerId ? jump : null}
              coach={{
                rubric: review.review.rubric[answer.answerId] ?? {},
                onAdd: review.addNote,
                onUpdate: review.updateNote,
                onDelete: review.deleteNote,
                onRubric: (criterion, score) => void review.setRubric(answer.answerId, criterion, score),
              }}
            />
          </section>
        );
      })}
    </article>
  );
}
