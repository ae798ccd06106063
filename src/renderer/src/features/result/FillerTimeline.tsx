import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { CoachingAnalysis, FillerHit } from '../../../../shared/domain';
import { axis, clockTick, UPlotChart, type ChartTheme } from '../charts/UPlotChart';

const HEIGHT = 150;
/** One lane per kind of moment, bottom to top. */
const LANES = ['Hedges', 'Heard “um”', 'Fillers'] as const;

function timelineOptions(durationSec: number) {
  return (width: number, theme: ChartTheme): uPlot.Options => {
    const dots = (fill: string, size = 11): Partial<uPlot.Series> => ({
      stroke: fill,
      fill,
      paths: () => null,
      points: { show: true, size, fill, stroke: fill, width: 1 },
    });
    return {
      width,
      height: HEIGHT,
      legend: { show: true, live: false },
      cursor: { y: false, points: { size: 12 } },
      scales: { x: { time: false, range: [0, Math.max(10, durationSec)] }, y: { range: [0.4, 3.6] } },
      axes: [
        axis(theme, { values: (_u, ticks) => ticks.map(clockTick) }),
        axis(theme, {
          size: 96,
          splits: () => [1, 2, 3],
          values: (_u, ticks) => ticks.map((t) => LANES[t - 1] ?? ''),
          grid: { stroke: theme.line, width: 1, dash: [2, 4] },
        }),
      ],
      series: [
        {},
        { label: 'Filler', ...dots(theme.warn) },
        { label: '“Um” heard in the audio, not transcribed', ...dots(theme.record, 10) },
        { label: 'Hedge', ...dots(theme.accent, 9) },
      ],
    };
  };
}

/** Every filler, likely filled pause and hedge on the answer's timeline, so clusters stand out. */
export function FillerTimeline({
  analysis,
  fillers,
  durationSec,
}: {
  analysis: CoachingAnalysis;
  fillers: FillerHit[];
  durationSec: number;
}) {
  const events = useMemo(() => {
    const list = [
      ...fillers.map((f) => ({ atSec: f.startSec, lane: 3 })),
      ...analysis.filledPauseCandidates.map((c) => ({ atSec: c.startSec, lane: 2 })),
      ...analysis.language.hedges.map((h) => ({ atSec: h.startSec, lane: 1 })),
    ];
    return list.sort((a, b) => a.atSec - b.atSec);
  }, [analysis, fillers]);
  const data = useMemo<uPlot.AlignedData>(
    () => [
      events.map((e) => e.atSec),
      events.map((e) => (e.lane === 3 ? 3 : null)),
      events.map((e) => (e.lane === 2 ? 2 : null)),
      events.map((e) => (e.lane === 1 ? 1 : null)),
    ],
    [events],
  );
  const options = useMemo(() => timelineOptions(durationSec), [durationSec]);
  const bursts = analysis.fillerBursts.map((b) => `${clockTick(b.startSec)}–${clockTick(b.endSec)}`);
  const summary =
    `${fillers.length} fillers, ${analysis.filledPauseCandidates.length} likely filled pauses heard in the audio and ` +
    `${analysis.language.hedges.length} hedges over the answer` +
    (bursts.length ? `; bursts at ${bursts.join(', ')}.` : '.');
  return (
    <UPlotChart
      label="Fillers and hedges over time"
      summary={summary}
      options={options}
      data={data}
      height={HEIGHT}
    />
  );
}
