import { useEffect, useRef, useState } from 'react';
import type { SessionDetail } from '../../../../shared/domain';
import { plural } from '../../lib/format';
import { useCoachStore } from '../../store';
import { errorMessage } from '../../store/loadStatus';
import { AnswerResultView } from '../result/AnswerResultView';
import { SessionReport } from '../session/SessionReport';
import { coachApi } from '../../coachApi';

/** The end of a practice set: the session's score and advice, then each answer's full report. */
export function SetSummary() {
  const sessionId = useCoachStore((s) => s.activeSessionId);
  const practiceSet = useCoachStore((s) => s.practiceSet);
  const closeSetSummary = useCoachStore((s) => s.closeSetSummary);
  const [session, setSession] = useState<SessionDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!sessionId) return;
    let current = true;
    coachApi()
      .getSession(sessionId)
      .then(
        (detail) => current && setSession(detail),
        (err: unknown) => current && setError(errorMessage(err, 'The session could not be loaded.')),
      );
    return () => {
      current = false;
    };
  }, [sessionId]);

  useEffect(() => headingRef.current?.focus(), []);

  const skipped = practiceSet?.skippedIds.length ?? 0;
  const takes = useCoachStore((s) => s.activeSessionAnswerCount);
  const finished = practiceSet ? practiceSet.index >= practiceSet.questionIds.length : true;
  return (
    <section className="set-summary" aria-labelledby="set-summary-title">
      <header className="result-header">
        <p className="eyebrow">
          {practiceSet?.mock
            ? finished
              ? 'Mock interview complete'
              : 'Mock interview ended'
            : finished
              ? 'Practice set complete'
              : 'Practice set ended'}
        </p>
        <h1 id="set-summary-title" className="result-question" tabIndex={-1} ref={headingRef}>
          {sessionId ? 'How the session went' : 'No answers were recorded'}
        </h1>
        {practiceSet && (
          <p className="muted">
            {practiceSet.answeredIds.length} of {plural(practiceSet.questionIds.length, 'question')} answered
            {takes > practiceSet.answeredIds.length ? ` in ${plural(takes, 'take')}` : ''}
            {skipped > 0 ? `, ${plural(skipped, 'question')} skipped` : ''}.
          </p>
        )}
      </header>
      <div className="result-actions">
        <button type="button" className="button button-primary" onClick={closeSetSummary}>
          Back to practice
        </button>
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {sessionId && !session && !error && (
        <p className="muted loading-line" role="status">
          <span className="spinner spinner-small" aria-hidden="true" /> Putting the report together…
        </p>
      )}
      {session && (
        <>
          <SessionReport session={session} />
          {session.answers.map((answer, index) => (
            <details key={answer.answerId} className="summary-answer" open={index === 0}>
              <summary>
                <span className="eyebrow">Answer {index + 1}</span> {answer.questionText}
              </summary>
              <AnswerResultView result={answer} headingLevel={3} />
            </details>
          ))}
        </>
      )}
    </section>
  );
}
