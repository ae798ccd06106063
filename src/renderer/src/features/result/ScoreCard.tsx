import type { AnswerScore } from '../../../../shared/domain';

type Props = {
  score: AnswerScore;
  /** "This answer" or "This session". */
  title: string;
  headingLevel?: 2 | 3 | 4;
};

/** Scores of this much or more read as strong, below the second as needing work. */
const STRONG_SCORE = 80;
const WEAK_SCORE = 55;

export function scoreTone(score: number): 'strong' | 'fair' | 'weak' {
  return score >= STRONG_SCORE ? 'strong' : score >= WEAK_SCORE ? 'fair' : 'weak';
}

/** The 0–100 score as a ring, and what it is made of: one bar per aspect with the reason in words. */
export function ScoreCard({ score, title, headingLevel = 3 }: Props) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="card score-card" aria-label={`${title}: score`}>
      <div
        className={`score-ring tone-${scoreTone(score.total)}`}
        style={{ ['--score' as string]: score.total }}
      >
        <span className="score-total">{score.total}</span>
        <span className="score-out-of">of 100</span>
      </div>
      <div className="score-body">
        <Heading className="section-title">{title}</Heading>
        <ul className="score-breakdown" aria-label="Score breakdown">
          {score.breakdown.map((part) => (
            <li key={part.id} className="score-row">
              <span className="score-row-label">{part.label}</span>
              <span className="score-bar" aria-hidden="true">
                <span
                  className={`score-bar-fill tone-${scoreTone(part.score)}`}
                  style={{ width: `${part.score}%` }}
                />
              </span>
              <span className="score-row-value tabular">{part.score}</span>
              <span className="score-row-detail">
                {part.detail}
                <span className="muted"> · {Math.round(part.weight * 100)}% of the score</span>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
