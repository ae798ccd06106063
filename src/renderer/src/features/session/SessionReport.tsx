import type { SessionDetail, Suggestion } from '../../../../shared/domain';
import { formatClock, formatWpm } from '../../lib/format';
import { ScoreCard, scoreTone } from '../result/ScoreCard';
import { Suggestions } from '../result/Suggestions';
import '../result/result.css';
import './session.css';

/** Suggestions that praise rather than advise (see src/core/coaching/suggestions.ts). */
const isPraise = (s: Suggestion): boolean => s.id.startsWith('keep-') || s.id === 'next-step';

/**
 * The most useful advice across a session: each answer's first piece of advice, then its second, without
 * repeats. Praise for one answer would contradict advice for another, so it only fills an empty list.
 */
export function sessionSuggestions(session: SessionDetail, max = 4): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  const all = session.answers.map((a) => a.report.coaching?.suggestions ?? []);
  const take = (pick: (s: Suggestion) => boolean) => {
    for (const round of [0, 1, 2, 3]) {
      for (const list of all) {
        const s = list.filter(pick)[round];
        if (s && !seen.has(s.id) && out.length < max) {
          seen.add(s.id);
          out.push(s);
        }
      }
    }
  };
  take((s) => !isPraise(s));
  if (out.length === 0) take(isPraise);
  return out;
}

type Props = { session: SessionDetail; headingLevel?: 2 | 3 };

/** A session's score and breakdown, advice across its answers, and one row per answer. */
export function SessionReport({ session, headingLevel = 2 }: Props) {
  if (!session.sessionScore) return null;
  return (
    <div className="session-report">
      <div className="report-top">
        <ScoreCard score={session.sessionScore} title="This session" headingLevel={headingLevel} />
        <Suggestions
          suggestions={sessionSuggestions(session)}
          headingLevel={headingLevel}
          title="Across the session"
        />
      </div>
      <table className="card answers-table">
        <caption className="visually-hidden">Answers in this session</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Question</th>
            <th scope="col">Score</th>
            <th scope="col">Pace</th>
            <th scope="col">Fillers / min</th>
            <th scope="col">Length</th>
          </tr>
        </thead>
        <tbody>
          {session.answers.map((answer, index) => (
            <tr key={answer.answerId}>
              <td className="tabular">{index + 1}</td>
              <td className="answers-question">{answer.questionText}</td>
              <td>
                {answer.report.coaching ? (
                  <span className={`score-chip tone-${scoreTone(answer.report.coaching.score.total)}`}>
                    {answer.report.coaching.score.total}
                  </span>
                ) : (
                  '—'
                )}
              </td>
              <td className="tabular">{formatWpm(answer.report.pace.wordsPerMinute)} wpm</td>
              <td className="tabular">
                {(
                  answer.report.coaching?.fillersPerMinute ?? answer.report.transcriptFillersPerMinute
                ).toFixed(1)}
              </td>
              <td className="tabular">{formatClock(answer.report.durationSec)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
