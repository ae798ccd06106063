import { QUESTION_KIND_LABELS } from '../../lib/format';
import { useCoachStore } from '../../store';

export function QuestionCard() {
  const question = useCoachStore((s) => s.questions.find((q) => q.id === s.currentQuestionId) ?? null);
  const status = useCoachStore((s) => s.questionsStatus);
  const error = useCoachStore((s) => s.questionsError);
  const loadQuestions = useCoachStore((s) => s.loadQuestions);

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
      <h1 id="question-text" className="question-text">
        {question ? question.text : status === 'ready' ? 'No questions available.' : 'Loading questions…'}
      </h1>
    </section>
  );
}
