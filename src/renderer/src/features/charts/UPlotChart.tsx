// A uPlot chart that fills its container's width and follows the light/dark theme. uPlot is loaded on
// first use (it touches window.matchMedia when imported); until then, and wherever a canvas is
// unavailable, the figure still carries its text summary, which is also what screen readers get.
import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './charts.css';

export type ChartTheme = {
  ink: string;
  ink3: string;
  line: string;
  accent: string;
  record: string;
  warn: string;
  filler: string;
};

type Props = {
  /** Builds the options for a given width and theme; height is fixed per chart. */
  options: (width: number, theme: ChartTheme) => uPlot.Options;
  data: uPlot.AlignedData;
  height: number;
  /** Short title, shown above the chart. */
  label: string;
  /** One or two sentences saying what the chart shows, for screen readers and as a fallback. */
  summary: string;
  className?: string;
};

const MIN_WIDTH = 200;

export function readChartTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    ink: v('--ink', '#1d2125'),
    ink3: v('--ink-3', '#676d75'),
    line: v('--line', '#e2e0d9'),
    accent: v('--accent', '#2b6a63'),
    record: v('--record', '#c0432c'),
    warn: v('--warn-ink', '#7a5000'),
    filler: v('--filler-bg', '#fbe3a6'),
  };
}

export function UPlotChart({ options, data, height, label, summary, className }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let chart: uPlot | null = null;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    const widthNow = () => Math.max(MIN_WIDTH, Math.floor(host.getBoundingClientRect().width));
    import('uplot')
      .then(({ default: UPlot }) => {
        if (disposed) return;
        chart = new UPlot({ ...options(widthNow(), readChartTheme()), height }, data, host);
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => chart?.setSize({ width: widthNow(), height }));
          observer.observe(host);
        }
      })
      .catch(() => {
        if (!disposed) setFailed(true);
      });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [options, data, height]);

  return (
    <figure className={`chart ${className ?? ''}`}>
      <figcaption className="chart-label">{label}</figcaption>
      <div ref={hostRef} className="chart-host" style={{ minHeight: height }} role="img" aria-label={summary}>
        {failed && <p className="chart-fallback">{summary}</p>}
      </div>
    </figure>
  );
}

/** Axis and grid styling shared by every chart. */
export function axis(theme: ChartTheme, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    stroke: theme.ink3,
    grid: { stroke: theme.line, width: 1 },
    ticks: { stroke: theme.line, width: 1 },
    font: '12px system-ui, sans-serif',
    ...extra,
  };
}

/** Axis ticks in seconds, written as every other time in the app. */
export { formatClock as clockTick } from '../../../../shared/timeFormat';
