import { useEffect, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { fitScale, type ScaleOptions } from '../../../../shared/chartScale';
import type { TrendData } from '../../../../shared/domain';
import { coachApi } from '../../coachApi';
import { errorMessage } from '../../store/loadStatus';
import { axis, UPlotChart, type ChartTheme } from '../charts/UPlotChart';
import { COMFORTABLE_PACE_WPM } from '../result/MetricsCards';
import { QuestionTakesView } from './QuestionTakesView';
import {
  change,
  CLOSER_TO,
  dateLabels,
  HIGHER_IS_BETTER,
  labelledIndices,
  leftOutText,
  LOWER_IS_BETTER,
  sessionPoints,
  type Goodness,
  type SessionPoint,
  type TrendChange,
} from './trendsData';
import './trends.css';

const HEIGHT = 190;
/** Room one date label needs on the axis ("12 Dec, 14:05"). */
const LABEL_PX = 96;

type Metric = {
  key: 'score' | 'fillersPerMinute' | 'wordsPerMinute' | 'longPausesPerMinute';
  label: string;
  headline: string;
  unit: string;
  digits: number;
  goodness: Goodness;
  colour: (t: ChartTheme) => string;
  scale: ScaleOptions;
  band?: [number, number];
};

const METRICS: Metric[] = [
  {
    key: 'score',
    label: 'Score',
    headline: 'Score',
    unit: '/ 100',
    digits: 0,
    goodness: HIGHER_IS_BETTER,
    colour: (t) => t.accent,
    scale: { bounds: [0, 100], minSpan: 10 },
  },
  {
    key: 'fillersPerMinute',
    label: 'Fillers per minute',
    headline: 'Fillers',
    unit: 'a minute',
    digits: 1,
    goodness: LOWER_IS_BETTER,
    colour: (t) => t.warn,
    scale: { bounds: [0, Infinity], minSpan: 2, include: [0] },
  },
  {
    key: 'wordsPerMinute',
    label: 'Words per minute',
    headline: 'Pace',
    unit: 'words/min',
    digits: 0,
    goodness: CLOSER_TO(COMFORTABLE_PACE_WPM.min, COMFORTABLE_PACE_WPM.max),
    colour: (t) => t.accent,
    scale: { bounds: [0, Infinity], minSpan: 20 },
    band: [COMFORTABLE_PACE_WPM.min, COMFORTABLE_PACE_WPM.max],
  },
  {
    key: 'longPausesPerMinute',
    label: 'Long pauses per minute',
    headline: 'Long pauses',
    unit: 'a minute',
    digits: 1,
    goodness: LOWER_IS_BETTER,
    colour: (t) => t.ink3,
    scale: { bounds: [0, Infinity], minSpan: 1, include: [0] },
  },
];

function chartOptions(metric: Metric, values: (number | null)[], labels: string[]) {
  const scale = fitScale(values, metric.band ? { ...metric.scale, include: metric.band } : metric.scale);
  return (width: number, theme: ChartTheme): uPlot.Options => ({
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { y: false, points: { size: 9 } },
    scales: {
      x: { time: false, range: () => [-0.5, Math.max(labels.length - 0.5, 0.5)] },
      y: { range: () => [scale.min, scale.max] },
    },
    axes: [
      axis(theme, {
        splits: () => labelledIndices(labels.length, width - 60, LABEL_PX),
        values: (_u, ticks) => ticks.map((i) => labels[i] ?? ''),
        grid: { show: false },
      }),
      axis(theme, {
        size: 44,
        splits: () => scale.ticks,
        values: (_u, ticks) => ticks.map((t) => String(Number(t.toFixed(1)))),
      }),
    ],
    series: [
      {},
      ...(metric.band
        ? [
            { label: 'upper', stroke: theme.line, dash: [4, 4], width: 1, points: { show: false } },
            { label: 'lower', stroke: theme.line, dash: [4, 4], width: 1, points: { show: false } },
          ]
        : []),
      {
        label: metric.label,
        stroke: metric.colour(theme),
        width: 2.5,
        spanGaps: true,
        points: { show: true, size: 7, fill: metric.colour(theme) },
      },
    ],
    ...(metric.band ? { bands: [{ series: [1, 2] as [number, number], fill: `${theme.accent}14` }] } : {}),
  });
}

function MetricChart({
  metric,
  points,
  labels,
}: {
  metric: Metric;
  points: SessionPoint[];
  labels: string[];
}) {
  const values = useMemo(() => points.map((p) => p[metric.key]), [points, metric]);
  const options = useMemo(() => chartOptions(metric, values, labels), [metric, values, labels]);
  const data = useMemo<uPlot.AlignedData>(() => {
    const x = points.map((_p, i) => i);
    return metric.band
      ? [x, x.map(() => metric.band![1]), x.map(() => metric.band![0]), values]
      : [x, values];
  }, [points, values, metric]);
  const present = values.filter((v): v is number => v !== null);
  const fmt = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(metric.digits));
  const summary =
    `${metric.label} per session, from ${fmt(present[0])} on ${labels[0]} to ${fmt(present.at(-1))} ` +
    `on ${labels.at(-1)}, over ${points.length} sessions` +
    (metric.band ? `; comfortable is ${metric.band[0]}–${metric.band[1]}.` : '.');
  return (
    <section className="card trend-card">
      <UPlotChart label={metric.label} summary={summary} options={options} data={data} height={HEIGHT} />
    </section>
  );
}

function Headline({
  metric,
  values,
  labels,
}: {
  metric: Metric;
  values: (number | null)[];
  labels: string[];
}) {
  const c: TrendChange = change(values, metric.goodness);
  if (!c) return null;
  const firstLabel = labels[values.findIndex((v) => v !== null)];
  return (
    <div className="trend-headline">
      <span className="trend-label">{metric.headline}</span>
      <span className="trend-value tabular">
        {c.latest.toFixed(metric.digits)}
        <span className="trend-unit"> {metric.unit}</span>
      </span>
      <span className={`trend-change ${c.better ? 'is-better' : 'is-worse'}`}>
        {c.better ? 'better than' : 'was'} {c.first.toFixed(metric.digits)} in your first session (
        {firstLabel})
      </span>
    </div>
  );
}

/** Progress across sessions: score, fillers, pace and pauses over time, and each question's takes. */
export function TrendsScreen() {
  const [data, setData] = useState<TrendData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    coachApi()
      .getTrends()
      .then(
        (d) => current && setData(d),
        (err: unknown) => current && setError(errorMessage(err, 'Your sessions could not be loaded.')),
      );
    return () => {
      current = false;
    };
  }, []);

  const points = useMemo(() => sessionPoints(data?.takes ?? []), [data]);
  const labels = useMemo(() => dateLabels(points.map((p) => p.startedAt)), [points]);
  const leftOut = data ? leftOutText(data.leftOut) : null;

  return (
    <div className="trends">
      <header className="history-header">
        <h1 className="page-title">Trends</h1>
        <p className="muted">How your answers change from session to session.</p>
      </header>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : !data ? (
        <p className="muted loading-line" role="status">
          <span className="spinner spinner-small" aria-hidden="true" /> Loading your sessions…
        </p>
      ) : points.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">{leftOut ? 'Nothing to chart yet' : 'No answers yet'}</p>
          <p className="muted">
            {leftOut
              ? `None of your saved takes can be charted. ${leftOut} Takes the engine failed on can be transcribed again from History.`
              : 'Answer a question on the Practice screen; from your second session, your score, fillers, pace and pauses are charted here.'}
          </p>
        </div>
      ) : (
        <>
          {points.length < 2 ? (
            <div className="empty-state">
              <p className="empty-title">One session so far</p>
              <p className="muted">
                Practise again in another session and your score, fillers, pace and pauses will be charted
                here, session by session. Your takes so far are below.
              </p>
            </div>
          ) : (
            <>
              <div className="trend-headlines">
                {METRICS.map((m) => (
                  <Headline key={m.key} metric={m} values={points.map((p) => p[m.key])} labels={labels} />
                ))}
              </div>
              <div className="trend-charts">
                {METRICS.map((m) => (
                  <MetricChart key={m.key} metric={m} points={points} labels={labels} />
                ))}
              </div>
            </>
          )}
          {leftOut && <p className="muted trend-left-out">{leftOut} They are not in these figures.</p>}
          <QuestionTakesView takes={data.takes} />
        </>
      )}
    </div>
  );
}
