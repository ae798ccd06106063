import { formatTarget, QUESTION_KIND_LABELS } from '../../lib/format';
import { useCoachStore } from '../../store';
import { selectTarget } from '../../store/settingsSlice';

export function QuestionCard() {
  const question = useCoachStore((s) => s.questions.find((q) => q.id === s.currentQuestionId) ?? null);
  const status = useCoachStore((s) => s.questionsStatus);
  const error = useCoachStore((s) => s.questionsError);
  const loadQuestions = useCoachStore((s) => s.loadQuestions);
  const target = useCoachStore(selectTarget);
  const live = useCoachStore((s) => s.recording !== 'idle');

  if (status === 'error') {
    return (
      <div className="notice notice-error" role="alert">
        <div>
          <p className="notice-title">The questions could not be loaded</p>
          <p className="notice-body">{error}</p>
        </div>
        <button type="button" className="button button-secondary" onClick={() => void loadQuestions()}>
          Try again
        </button>
      </div>
    );
  }

  return (
    <section className="question-card" aria-labelledby="question-text">
      <p className="question-kind">{question ? QUESTION_KIND_LABELS[question.kind] : 'Question'}</p>
      <h1
        id="question-text"
        className="question-text"
        data-length={question ? questionLength(question.text) : undefined}
      >
        {question ? question.text : status === 'ready' ? 'No questions available.' : 'Loading questions…'}
      </h1>
      {question && (
        <div className="question-meta">
          <span className="question-target">Aim for {formatTarget(target)}</span>
          {question.covers && !live && (
            <details className="question-covers">
              <summary>What a strong answer covers</summary>
              <p>{question.covers}</p>
            </details>
          )}
        </div>
      )}
    </section>
  );
}

/** Long questions (pasted from a job description) get a smaller type, so Record stays in view. */
function questionLength(text: string): 'long' | 'very-long' | undefined {
  if (text.length > 300) return 'very-long';
  if (text.length > 150) return 'long';
  return undefined;
}
