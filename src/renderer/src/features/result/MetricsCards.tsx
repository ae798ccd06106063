import type { AnswerReport } from '../../../../shared/domain';
import { formatClock, formatSeconds, formatWpm } from '../../lib/format';

/** A comfortable interview pace, shown as a reference next to the measured one. */
export const COMFORTABLE_PACE_WPM = { min: 120, max: 160 } as const;

type Card = { label: string; value: string; unit?: string; detail: string };

/** Pace leaves out the "um"s; with the coaching analysis, fillers include those heard only in the audio. */
function cardsFor(m: AnswerReport): Card[] {
  const coaching = m.coaching;
  const heard = coaching?.filledPauseCandidates.length ?? 0;
  return [
    {
      label: 'Duration',
      value: formatClock(m.durationSec),
      detail: `${formatClock(m.speakingSec)} speaking`,
    },
    { label: 'Words', value: String(m.wordCount), detail: 'in this answer' },
    {
      label: 'Pace',
      value: formatWpm(m.pace.wordsPerMinute),
      unit: 'wpm',
      detail: `aim for ${COMFORTABLE_PACE_WPM.min}–${COMFORTABLE_PACE_WPM.max}`,
    },
    {
      label: 'Fillers',
      value: String(m.fillerCount + heard),
      detail:
        heard > 0
          ? `${heard} heard only in the audio · ${(coaching?.fillersPerMinute ?? m.transcriptFillersPerMinute).toFixed(1)}/min`
          : `${m.transcriptFillersPerMinute.toFixed(1)} per minute`,
    },
    {
      label: 'Long pauses',
      value: String(m.longPauses.length),
      detail: m.longPauses.length > 0 ? `longest ${formatSeconds(m.pace.longestPauseSec)}` : 'none',
    },
  ];
}

type Props = { report: AnswerReport };

export function MetricsCards({ report }: Props) {
  return (
    <dl className="metrics" aria-label="Answer metrics">
      {cardsFor(report).map((card) => (
        <div className="metric-card" key={card.label}>
          <dt className="metric-label">{card.label}</dt>
          <dd className="metric-value">
            {card.value}
            {card.unit && <span className="metric-unit"> {card.unit}</span>}
          </dd>
          <dd className="metric-detail">{card.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
