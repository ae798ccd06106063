import type { AnswerMetrics } from '../../../../core/domain';
import { formatClock, formatSeconds, formatWpm } from '../../lib/format';

/** A comfortable interview pace, shown as a reference next to the measured one. */
export const COMFORTABLE_PACE_WPM = { min: 120, max: 160 } as const;

type Card = { label: string; value: string; unit?: string; detail: string };

function cardsFor(m: AnswerMetrics): Card[] {
  return [
    {
      label: 'Duration',
      value: formatClock(m.durationSec),
      detail: `${formatClock(m.speakingSec)} speaking`,
    },
    { label: 'Words', value: String(m.wordCount), detail: 'in this answer' },
    {
      label: 'Pace',
      value: formatWpm(m.wordsPerMinute),
      unit: 'wpm',
      detail: `aim for ${COMFORTABLE_PACE_WPM.min}–${COMFORTABLE_PACE_WPM.max}`,
    },
    {
      label: 'Fillers',
      value: String(m.fillerCount),
      detail: `${m.fillersPerMinute.toFixed(1)} per minute`,
    },
    {
      label: 'Long pauses',
      value: String(m.longPauses.length),
      detail: m.longPauses.length > 0 ? `longest ${formatSeconds(m.longestPauseSec)}` : 'none',
    },
  ];
}

type Props = { metrics: AnswerMetrics };

export function MetricsCards({ metrics }: Props) {
  return (
    <dl className="metrics" aria-label="Answer metrics">
      {cardsFor(metrics).map((card) => (
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
