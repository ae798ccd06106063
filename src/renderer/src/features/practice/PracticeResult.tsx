import { useEffect, useRef } from 'react';
import { useCoachStore } from '../../store';
import { AnswerResultView } from '../result/AnswerResultView';
import { LiveError } from './LiveError';
import { TakesPanel } from './TakesPanel';

/** The result shown right after an answer, with the way back to practising. */
export function PracticeResult() {
  const result = useCoachStore((s) => s.lastResult);
  const dismissResult = useCoachStore((s) => s.dismissResult);
  const nextQuestion = useCoachStore((s) => s.nextQuestion);
  const practiceSet = useCoachStore((s) => s.practiceSet);
  const advancePracticeSet = useCoachStore((s) => s.advancePracticeSet);
  const saved = useCoachStore((s) => s.lastResultSaved);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [result?.answerId]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') dismissResult();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dismissResult]);

  if (!result) return null;

  return (
    <section className="practice-result" aria-labelledby="result-title">
      <header className="result-header">
        <p className="eyebrow">Your answer</p>
        <h1 id="result-title" className="result-question" tabIndex={-1} ref={headingRef}>
          {result.questionText}
        </h1>
      </header>
      <LiveError />
      {saved ? (
        <TakesPanel
          sessionId={result.sessionId}
          questionText={result.questionText}
          currentAnswerId={result.answerId}
        />
      ) : (
        <p className="notice notice-info no-history-note" role="status">
          Not saved — “Keep no history” is on. Nothing of this answer was kept: no recording, no transcript.
          This report goes when you leave it.
        </p>
      )}
      <AnswerResultView
        result={result}
        headingLevel={2}
        actions={
          <>
            {practiceSet ? (
              <button type="button" className="button button-primary" onClick={advancePracticeSet}>
                {practiceSet.index + 1 >= practiceSet.questionIds.length
                  ? 'Finish the set'
                  : `Next question (${practiceSet.index + 2} of ${practiceSet.questionIds.length})`}
              </button>
            ) : (
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  nextQuestion();
                  dismissResult();
                }}
              >
                Practise another question
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={dismissResult}>
              Try this question again
            </button>
          </>
        }
      />
    </section>
  );
}
