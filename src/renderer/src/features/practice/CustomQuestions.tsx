import { useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { QuestionKind } from '../../../../shared/domain';
import { QUESTION_KIND_LABELS } from '../../lib/format';
import { useCoachStore } from '../../store';
import { errorMessage } from '../../store/loadStatus';

const KINDS = Object.keys(QUESTION_KIND_LABELS) as QuestionKind[];

/** The user's own questions: add one (text, kind, what a strong answer covers) or delete it. */

/** As long as a question may be (main's schema says the same). */
const QUESTION_MAX_CHARS = 500;

export function CustomQuestions() {
  const custom = useCoachStore(useShallow((s) => s.questions.filter((q) => q.custom)));
  const addCustomQuestion = useCoachStore((s) => s.addCustomQuestion);
  const deleteCustomQuestion = useCoachStore((s) => s.deleteCustomQuestion);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<QuestionKind>('behavioural');
  const [covers, setCovers] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await addCustomQuestion({
        text: text.trim(),
        kind,
        ...(covers.trim() ? { covers: covers.trim() } : {}),
      });
      setText('');
      setCovers('');
    } catch (err) {
      setError(errorMessage(err, 'The question could not be added.'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="custom-questions" aria-labelledby="custom-questions-title">
      <h2 id="custom-questions-title" className="section-title">
        Your own questions
      </h2>
      {custom.length > 0 ? (
        <ul className="custom-list">
          {custom.map((q) => (
            <li key={q.id} className="custom-item">
              <span className="custom-text">{q.text}</span>
              <span className="hand-pick-kind">{QUESTION_KIND_LABELS[q.kind]}</span>
              <button
                type="button"
                className="button button-quiet button-small"
                aria-label={`Delete “${q.text}”`}
                onClick={() =>
                  void deleteCustomQuestion(q.id).catch((err: unknown) =>
                    setError(errorMessage(err, 'The question could not be deleted.')),
                  )
                }
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Add questions from a job description or ones you dread; they join the bank.</p>
      )}
      <form className="custom-form" onSubmit={(e) => void submit(e)}>
        <div className="field custom-text-field">
          <label className="field">
            <span className="field-label">Question</span>
            <textarea
              className="text-input custom-text"
              rows={2}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="e.g. Tell me about a time you had to learn a new tool fast."
              maxLength={QUESTION_MAX_CHARS}
              aria-describedby="custom-text-count"
            />
          </label>
          {/* The limit is said, not silently enforced. */}
          <span
            id="custom-text-count"
            className={`field-hint tabular${text.length >= QUESTION_MAX_CHARS ? ' is-full' : ''}`}
            aria-live="polite"
          >
            {text.length} / {QUESTION_MAX_CHARS}
            {text.length >= QUESTION_MAX_CHARS ? ' — that is the limit; shorten it to add more' : ''}
          </span>
        </div>
        <label className="field">
          <span className="field-label">Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as QuestionKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {QUESTION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field custom-covers-field">
          <span className="field-label">What a strong answer covers (optional)</span>
          <input
            className="text-input"
            value={covers}
            onChange={(e) => setCovers(e.target.value)}
            maxLength={1000}
          />
        </label>
        <button type="submit" className="button button-secondary" disabled={saving || text.trim().length < 5}>
          Add question
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
