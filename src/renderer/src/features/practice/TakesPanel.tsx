import { useEffect, useState } from 'react';
import { coachApi } from '../../coachApi';
import type { AnswerResult } from '../../../../shared/domain';
import { formatClock, formatWpm } from '../../lib/format';
import { useCoachStore } from '../../store';
import { errorMessage } from '../../store/loadStatus';
import { takesOf } from './takes';

type Props = { sessionId: string; questionText: string; currentAnswerId: string };

/** Every take of this question in this session, side by side, each against the one before; one can go. */
export function TakesPanel({ sessionId, questionText, currentAnswerId }: Props) {
  const takeDeleted = useCoachStore((s) => s.takeDeleted);
  const markQuestionUnanswered = useCoachStore((s) => s.markQuestionUnanswered);
  const [answers, setAnswers] = useState<AnswerResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    coachApi()
      .getSession(sessionId)
      .then(
        (detail) => current && setAnswers(detail.answers),
        (err: unknown) => current && setError(errorMessage(err, 'The earlier takes could not be loaded.')),
      );
    return () => {
      current = false;
    };
  }, [sessionId, currentAnswerId]);

  const remove = async (answerId: string) => {
    setError(null);
    try {
      await coachApi().deleteAnswer(answerId);
      setConfirming(null);
      const left = (answers ?? []).filter((a) => a.answerId !== answerId);
      setAnswers(left);
      if (!left.some((a) => a.questionText === questionText)) markQuestionUnanswered(questionText);
      takeDeleted(answerId);
    } catch (err) {
      setError(errorMessage(err, 'The take could not be deleted.'));
    }
  };

  const takes = answers ? takesOf(answers, questionText) : [];
  if (takes.length === 0 && !error) return null;
  return (
    <section className="card takes" aria-labelledby="takes-title">
      <h2 id="takes-title" className="section-title">
        Takes of this question
      </h2>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <ol className="take-list" aria-label="Takes">
        {takes.map((take) => (
          <li key={take.answerId} className="take" aria-current={take.answerId === currentAnswerId}>
            <span className="take-name">Take {take.number}</span>
            <span className="take-stats tabular">
              <span>{formatClock(take.durationSec)}</span>
              <span>{take.score === null ? 'no score' : `score ${Math.round(take.score)}`}</span>
              <span>{take.fillersPerMinute.toFixed(1)} fillers/min</span>
              <span>{formatWpm(take.wordsPerMinute)} wpm</span>
            </span>
            <span className="take-change">{take.change ?? 'first take'}</span>
            {confirming === take.answerId ? (
              <span className="take-actions" role="alertdialog" aria-label={`Delete take ${take.number}?`}>
                <button
                  type="button"
                  className="button button-danger button-small"
                  onClick={() => void remove(take.answerId)}
                >
                  Delete take {take.number}
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => setConfirming(null)}
                >
                  Keep
                </button>
              </span>
            ) : (
              <span className="take-actions">
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => setConfirming(take.answerId)}
                  aria-label={`Delete take ${take.number}…`}
                >
                  Delete…
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
