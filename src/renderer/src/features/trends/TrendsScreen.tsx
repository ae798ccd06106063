import { useEffect, useMemo } from 'react';
import type uPlot from 'uplot';
import { useShallow } from 'zustand/react/shallow';
import { useCoachStore } from '../../store';
import { axis, UPlotChart, type ChartTheme } from '../charts/UPlotChart';
import { COMFORTABLE_PACE_WPM } from '../result/MetricsCards';
import {
  change,
  CLOSER_TO,
  HIGHER_IS_BETTER,
  LOWER_IS_BETTER,
  trendSeries,
  type TrendChange,
} from './trendsData';
import './trends.css';

const HEIGHT = 200;
const dateTick = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

function lineOptions(
  label: string,
  colour: (t: ChartTheme) => string,
  yRange: [number, number] | null,
  band?: [number, number],
) {
  return (width: number, theme: ChartTheme): uPlot.Options => ({
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { y: false, points: { size: 9 } },
    scales: {
      x: { time: true },
      y: yRange
        ? { range: yRange }
        : { range: (_u, min, max) => [Math.max(0, Math.floor(min * 0.8)), Math.ceil(max * 1.2) || 1] },
    },
    axes: [
      axis(theme, { values: (_u, ticks) => ticks.map((t) => dateTick.format(new Date(t * 1000))) }),
      axis(theme, { size: 44 }),
    ],
    series: [
      {},
      ...(band
        ? [
            { label: 'upper', stroke: theme.line, dash: [4, 4], width: 1, points: { show: false } },
            { label: 'lower', stroke: theme.line, dash: [4, 4], width: 1, points: { show: false } },
          ]
        : []),
      {
        label,
        stroke: colour(theme),
        width: 2.5,
        spanGaps: true,
        points: { show: true, size: 7, fill: colour(theme) },
      },
    ],
    ...(band ? { bands: [{ series: [1, 2] as [number, number], fill: `${theme.accent}14` }] } : {}),
  });
}

const scoreOptions = lineOptions('Score', (t) => t.accent, [0, 100]);
const fillerOptions = lineOptions('Fillers per minute', (t) => t.warn, null);
const paceOptions = lineOptions(
  'Pace',
  (t) => t.accent,
  [60, 220],
  [COMFORTABLE_PACE_WPM.max, COMFORTABLE_PACE_WPM.min],
);

function Headline({
  label,
  unit,
  c,
  digits = 0,
}: {
  label: string;
  unit: string;
  c: TrendChange;
  digits?: number;
}) {
  if (!c) return null;
  return (
    <div className="trend-headline">
      <span className="trend-label">{label}</span>
      <span className="trend-value tabular">
        {c.latest.toFixed(digits)}
        <span className="trend-unit"> {unit}</span>
      </span>
      <span className={`trend-change ${c.better ? 'is-better' : 'is-worse'}`}>
        {c.better ? 'better than' : 'was'} {c.first.toFixed(digits)} in your first session
      </span>
    </div>
  );
}

/** Progress across sessions: score, fillers per minute and pace over time. */
export function TrendsScreen() {
  const sessions = useCoachStore(useShallow((s) => s.sessions));
  const status = useCoachStore((s) => s.sessionsStatus);
  const loadSessions = useCoachStore((s) => s.loadSessions);

  useEffect(() => {
    if (status === 'idle') void loadSessions();
  }, [status, loadSessions]);

  const series = useMemo(() => trendSeries(sessions), [sessions]);
  const scoreData = useMemo<uPlot.AlignedData>(() => [series.times, series.score], [series]);
  const fillerData = useMemo<uPlot.AlignedData>(() => [series.times, series.fillersPerMinute], [series]);
  const paceData = useMemo<uPlot.AlignedData>(
    () => [
      series.times,
      series.times.map(() => COMFORTABLE_PACE_WPM.max),
      series.times.map(() => COMFORTABLE_PACE_WPM.min),
      series.wordsPerMinute,
    ],
    [series],
  );

  return (
    <div className="trends">
      <header className="history-header">
        <h1 className="page-title">Trends</h1>
        <p className="muted">How your answers change from session to session.</p>
      </header>
      {status !== 'ready' ? (
        <p className="muted loading-line" role="status">
          <span className="spinner spinner-small" aria-hidden="true" /> Loading your sessions…
        </p>
      ) : series.times.length < 2 ? (
        <div className="empty-state">
          <p className="empty-title">Not enough sessions yet</p>
          <p className="muted">
            Practise on two or more days and your score, fillers and pace will be charted here.
          </p>
        </div>
      ) : (
        <>
          <div className="trend-headlines">
            <Headline label="Score" unit="/ 100" c={change(series.score, HIGHER_IS_BETTER)} />
            <Headline
              label="Fillers"
              unit="a minute"
              c={change(series.fillersPerMinute, LOWER_IS_BETTER)}
              digits={1}
            />
            <Headline
              label="Pace"
              unit="words a minute"
              c={change(series.wordsPerMinute, CLOSER_TO(COMFORTABLE_PACE_WPM.min, COMFORTABLE_PACE_WPM.max))}
            />
          </div>
          <div className="trend-charts">
            <section className="card trend-card">
              <UPlotChart
                label="Score"
                summary={`Session scores from ${series.score.find((v) => v !== null) ?? '—'} to ${series.score.at(-1) ?? '—'} over ${series.times.length} sessions.`}
                options={scoreOptions}
                data={scoreData}
                height={HEIGHT}
              />
            </section>
            <section className="card trend-card">
              <UPlotChart
                label="Fillers per minute"
                summary={`Fillers per minute from ${series.fillersPerMinute[0]!.toFixed(1)} to ${series.fillersPerMinute.at(-1)!.toFixed(1)}.`}
                options={fillerOptions}
                data={fillerData}
                height={HEIGHT}
              />
            </section>
            <section className="card trend-card trend-card-wide">
              <UPlotChart
                label="Pace (words a minute)"
                summary={`Pace per session; comfortable is ${COMFORTABLE_PACE_WPM.min}–${COMFORTABLE_PACE_WPM.max} words a minute.`}
                options={paceOptions}
                data={paceData}
                height={HEIGHT}
              />
            </section>
          </div>
        </>
      )}
    </div>
  );
}
