import { useCallback, useEffect, useRef } from 'react';
import { useCoachStore, type CoachState } from '../../store';
import type { AnswerResult } from '../../../../shared/domain';
import { AnswerResultView } from '../result/AnswerResultView';
import { LiveError } from './LiveError';
import { ReportStatus } from './ReportStatus';
import { TakesPanel } from './TakesPanel';

/**
 * The report on screen: the live transcript's while Stop finishes (or if its final pass failed), else
 * the saved answer's. One component shows both, so the upgrade changes the report in place.
 */
function selectShownResult(s: CoachState): AnswerResult | null {
  const live = s.liveReport;
  if (live && s.recording === 'finalising') return live.result;
  if (s.recording !== 'idle') return null;
  if (live?.state === 'failed' && s.lastResult?.answerId === live.result.answerId) return live.result;
  return s.lastResult;
}

export const selectShowingResult = (s: CoachState): boolean => selectShownResult(s) !== null;

/** The result shown right after an answer, with the way back to practising. */
export function PracticeResult() {
  const result = useCoachStore(selectShownResult);
  const live = useCoachStore((s) =>
    s.liveReport?.result.answerId === result?.answerId ? s.liveReport : null,
  );
  const upgrade = useCoachStore((s) =>
    s.reportUpgrade?.answerId === result?.answerId ? s.reportUpgrade : null,
  );
  const clearLiveReport = useCoachStore((s) => s.liveReportCleared);
  const finishing = live?.state === 'finishing';
  const dismissStoredResult = useCoachStore((s) => s.dismissResult);
  const nextQuestion = useCoachStore((s) => s.nextQuestion);
  const practiceSet = useCoachStore((s) => s.practiceSet);
  const advancePracticeSet = useCoachStore((s) => s.advancePracticeSet);
  const saved = useCoachStore((s) => s.lastResultSaved);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [result?.answerId]);

  const dismissResult = useCallback(() => {
    // The live report is not left while its answer is still being finished: there is nothing to go back to.
    if (useCoachStore.getState().recording !== 'idle') return;
    clearLiveReport();
    dismissStoredResult();
  }, [clearLiveReport, dismissStoredResult]);

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
      <ReportStatus live={live} upgrade={upgrade} />
      {live ? null : saved ? (
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
              <button
                type="button"
                className="button button-primary"
                onClick={advancePracticeSet}
                disabled={finishing}
              >
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
                disabled={finishing}
              >
                Practise another question
              </button>
            )}
            <button
              type="button"
              className="button button-secondary"
              onClick={dismissResult}
              disabled={finishing}
            >
              Try this question again
            </button>
          </>
        }
      />
    </section>
  );
}
