import { useShallow } from 'zustand/react/shallow';
import type { Question } from '../../../../shared/domain';
import { QUESTION_KIND_LABELS } from '../../lib/format';
import { useCoachStore } from '../../store';

function groupByKind(questions: Question[]): [Question['kind'], Question[]][] {
  const groups = new Map<Question['kind'], Question[]>();
  for (const q of questions) groups.set(q.kind, [...(groups.get(q.kind) ?? []), q]);
  return [...groups];
}

export function QuestionPicker() {
  const questions = useCoachStore(useShallow((s) => s.questions));
  const currentQuestionId = useCoachStore((s) => s.currentQuestionId);
  const chooseQuestion = useCoachStore((s) => s.chooseQuestion);
  const nextQuestion = useCoachStore((s) => s.nextQuestion);
  const busy = useCoachStore((s) => s.recording !== 'idle');

  return (
    <div className="question-picker">
      <label className="field question-field">
        <span className="field-label">Question</span>
        <select
          value={currentQuestionId ?? ''}
          onChange={(e) => chooseQuestion(e.target.value)}
          disabled={busy || questions.length === 0}
        >
          {groupByKind(questions).map(([kind, group]) => (
            <optgroup key={kind} label={QUESTION_KIND_LABELS[kind]}>
              {group.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.text}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button-secondary"
        onClick={nextQuestion}
        disabled={busy || questions.length < 2}
      >
        Next question
      </button>
    </div>
  );
}
