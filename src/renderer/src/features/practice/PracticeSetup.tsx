import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ROLE_FAMILIES, type QuestionKind, type RoleFamily } from '../../../../shared/domain';
import { QUESTION_KIND_LABELS, ROLE_LABELS } from '../../lib/format';
import { useCoachStore } from '../../store';
import { CustomQuestions } from './CustomQuestions';

export const SET_LENGTHS = [3, 5, 8, 10] as const;
const KINDS = Object.keys(QUESTION_KIND_LABELS) as QuestionKind[];

type Order = 'shuffle' | 'bank' | 'hand';

/** Choosing a practice set: a role and a length, shuffled or in order, or questions picked by hand. */
export function PracticeSetup() {
  const questions = useCoachStore(useShallow((s) => s.questions));
  const startPracticeSet = useCoachStore((s) => s.startPracticeSet);
  const busy = useCoachStore((s) => s.practiceSetBusy || s.recording !== 'idle');
  const error = useCoachStore((s) => s.practiceSetError);
  // A set is reported as one saved session, which "keep no history" rules out.
  const keepNoHistory = useCoachStore((s) => s.keepNoHistory);
  const [role, setRole] = useState<RoleFamily | 'any'>('any');
  const [count, setCount] = useState<number>(5);
  const [order, setOrder] = useState<Order>('shuffle');
  const [kinds, setKinds] = useState<QuestionKind[]>([]);
  const [picked, setPicked] = useState<string[]>([]);

  const toggleKind = (kind: QuestionKind) =>
    setKinds((current) => (current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind]));
  const togglePicked = (id: string) =>
    setPicked((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));

  const start = (mock = false) =>
    void startPracticeSet(
      order === 'hand'
        ? { role: 'any', count: Math.max(1, picked.length), order: 'bank', questionIds: picked }
        : { role, count, order, ...(kinds.length ? { kinds } : {}) },
      { mock },
    );

  return (
    <details className="card practice-setup">
      <summary className="setup-summary">
        <span className="setup-title">Practise a set of questions</span>
        <span className="muted setup-hint">
          Pick a role and a length, shuffle, or choose questions yourself
        </span>
      </summary>
      <div className="setup-body">
        <div className="setup-row">
          <label className="field">
            <span className="field-label">Role</span>
            <select
              value={role}
              onChange={(e) => setRole(e.target.value as RoleFamily | 'any')}
              disabled={order === 'hand'}
            >
              <option value="any">All questions</option>
              {ROLE_FAMILIES.filter((r) => r !== 'general').map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Length</span>
            <select
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
              disabled={order === 'hand'}
            >
              {SET_LENGTHS.map((n) => (
                <option key={n} value={n}>
                  {n} questions
                </option>
              ))}
            </select>
          </label>
          <fieldset className="field">
            <legend className="field-label">Order</legend>
            <div className="segmented">
              {(
                [
                  ['shuffle', 'Shuffle'],
                  ['bank', 'In order'],
                  ['hand', 'Choose by hand'],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className={`segment ${order === value ? 'is-on' : ''}`}>
                  <input
                    type="radio"
                    name="set-order"
                    value={value}
                    checked={order === value}
                    onChange={() => setOrder(value)}
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        {order !== 'hand' ? (
          <fieldset className="kind-chips">
            <legend className="field-label">Kinds (none ticked: all)</legend>
            {KINDS.map((kind) => (
              <label key={kind} className={`chip-toggle ${kinds.includes(kind) ? 'is-on' : ''}`}>
                <input type="checkbox" checked={kinds.includes(kind)} onChange={() => toggleKind(kind)} />
                {QUESTION_KIND_LABELS[kind]}
              </label>
            ))}
          </fieldset>
        ) : (
          <fieldset className="hand-pick">
            <legend className="field-label">
              Questions ({picked.length} chosen, answered in the order you tick them)
            </legend>
            <ul className="hand-pick-list">
              {questions.map((q) => (
                <li key={q.id}>
                  <label className="hand-pick-item">
                    <input
                      type="checkbox"
                      checked={picked.includes(q.id)}
                      onChange={() => togglePicked(q.id)}
                    />
                    <span className="hand-pick-text">{q.text}</span>
                    <span className="hand-pick-kind">
                      {q.custom ? 'Yours' : QUESTION_KIND_LABELS[q.kind]}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="setup-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => start()}
            disabled={busy || keepNoHistory || (order === 'hand' && picked.length === 0)}
            aria-describedby={keepNoHistory ? 'set-needs-history' : undefined}
          >
            Start the set
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => start(true)}
            disabled={busy || keepNoHistory || (order === 'hand' && picked.length === 0)}
            aria-describedby={keepNoHistory ? 'set-needs-history' : 'mock-hint'}
          >
            Start a mock interview
          </button>
          {keepNoHistory && (
            <p id="set-needs-history" className="muted setup-note">
              A set is saved as one session for its summary: turn off “Keep no history” to start one.
            </p>
          )}
          {!keepNoHistory && (
            <p id="mock-hint" className="muted setup-note">
              Mock interview: each question read aloud, time to think, then recording starts by itself.
            </p>
          )}
        </div>
        <CustomQuestions />
      </div>
    </details>
  );
}
