import { useId, useState } from 'react';
import type { TrendTake } from '../../../../shared/domain';
import { formatClock, formatWpm } from '../../lib/format';
import { dateLabels, takesByQuestion } from './trendsData';

/** One question's takes across every session, side by side, each against the take before. */
export function QuestionTakesView({ takes }: { takes: readonly TrendTake[] }) {
  const id = useId();
  const groups = takesByQuestion(takes);
  const [chosen, setChosen] = useState<string | null>(null);
  const group = groups.find((g) => g.questionText === chosen) ?? groups[0];
  if (!group) return null;
  const when = dateLabels(group.takes.map((t) => t.sessionStartedAt));
  return (
    <section className="card trend-card question-takes" aria-labelledby={`${id}-title`}>
      <div className="question-takes-head">
        <h2 id={`${id}-title`} className="section-title">
          Takes by question
        </h2>
        <label className="field question-takes-pick">
          <span className="visually-hidden">Question</span>
          <select value={group.questionText} onChange={(e) => setChosen(e.target.value)}>
            {groups.map((g) => (
              <option key={g.questionText} value={g.questionText}>
                {g.takes.length} {g.takes.length === 1 ? 'take' : 'takes'} · {g.questionText}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="question-takes-text">{group.questionText}</p>
      <div className="question-takes-scroll">
        <table className="question-takes-table" aria-label="Takes of this question">
          <thead>
            <tr>
              <th scope="col">Take</th>
              <th scope="col">When</th>
              <th scope="col" className="num">
                Length
              </th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col" className="num">
                Fillers/min
              </th>
              <th scope="col" className="num">
                Words/min
              </th>
              <th scope="col" className="num">
                Pauses/min
              </th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {group.takes.map((take, i) => (
              <tr key={take.answerId}>
                <th scope="row">{take.number}</th>
                <td>{when[i]}</td>
                <td className="num tabular">{formatClock(take.durationSec)}</td>
                <td className="num tabular">{take.score === null ? '–' : Math.round(take.score)}</td>
                <td className="num tabular">{take.fillersPerMinute.toFixed(1)}</td>
                <td className="num tabular">{formatWpm(take.wordsPerMinute)}</td>
                <td className="num tabular">{take.longPausesPerMinute.toFixed(1)}</td>
                <td className="take-change">{take.change ?? 'first take'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
