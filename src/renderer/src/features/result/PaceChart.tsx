import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { PaceAnalysis } from '../../../../shared/domain';
import { axis, clockTick, UPlotChart, type ChartTheme } from '../charts/UPlotChart';
import { COMFORTABLE_PACE_WPM } from './MetricsCards';

const HEIGHT = 190;

function paceOptions(width: number, theme: ChartTheme): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { y: false, points: { size: 7 } },
    scales: {
      x: { time: false },
      y: { range: (_u, min, max) => [Math.min(80, min - 10), Math.max(200, max + 10)] },
    },
    axes: [
      axis(theme, { values: (_u, ticks) => ticks.map(clockTick) }),
      axis(theme, { size: 44, values: (_u, ticks) => ticks.map((t) => String(Math.round(t))) }),
    ],
    series: [
      {},
      { label: 'Comfortable (fastest)', stroke: theme.line, width: 1, dash: [4, 4], points: { show: false } },
      { label: 'Comfortable (slowest)', stroke: theme.line, width: 1, dash: [4, 4], points: { show: false } },
      { label: 'Pace', stroke: theme.accent, width: 2.5, fill: `${theme.accent}1a`, points: { show: false } },
    ],
    bands: [{ series: [1, 2], fill: `${theme.accent}14` }],
  };
}

/** Words per minute over the answer, against the comfortable band. */
export function PaceChart({ pace }: { pace: PaceAnalysis }) {
  const data = useMemo<uPlot.AlignedData>(() => {
    const x = pace.timeline.map((p) => p.atSec);
    return [
      x,
      x.map(() => COMFORTABLE_PACE_WPM.max),
      x.map(() => COMFORTABLE_PACE_WPM.min),
      pace.timeline.map((p) => p.wordsPerMinute),
    ];
  }, [pace]);
  if (pace.timeline.length < 2) return null;
  const values = pace.timeline.map((p) => p.wordsPerMinute);
  const summary =
    `Pace over time, ${Math.round(Math.min(...values))} to ${Math.round(Math.max(...values))} words a minute ` +
    `(average ${Math.round(pace.wordsPerMinute)}); comfortable is ${COMFORTABLE_PACE_WPM.min}–${COMFORTABLE_PACE_WPM.max}.`;
  return (
    <UPlotChart
      label="Pace over time (words a minute)"
      summary={summary}
      options={paceOptions}
      data={data}
      height={HEIGHT}
    />
  );
}
