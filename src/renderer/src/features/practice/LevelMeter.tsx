import { useEffect, useRef } from 'react';
import type { PcmLevel } from '../../audio/pcmConvert';
import { useCoachStore } from '../../store';

/** The meter spans this many decibels below full scale. */
const METER_FLOOR_DB = -60;

/** RMS or peak (0–1) → meter position (0–1) on a decibel scale, which matches how loud things sound. */
export function levelToMeter(amplitude: number): number {
  if (!(amplitude > 0)) return 0;
  const db = 20 * Math.log10(amplitude);
  return Math.min(1, Math.max(0, (db - METER_FLOOR_DB) / -METER_FLOOR_DB));
}

/** Updates the DOM straight from the store's `inputLevel` (5–20×/s) without re-rendering React. */
export function LevelMeter() {
  const meterRef = useRef<HTMLDivElement>(null);
  const fillRef = useRef<HTMLDivElement>(null);
  const peakRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const apply = (level: PcmLevel) => {
      const fill = levelToMeter(level.rms);
      const peak = levelToMeter(level.peak);
      if (fillRef.current) fillRef.current.style.transform = `scaleX(${fill.toFixed(3)})`;
      if (peakRef.current) {
        peakRef.current.style.left = `${(peak * 100).toFixed(1)}%`;
        peakRef.current.style.opacity = peak > 0 ? '1' : '0';
      }
      meterRef.current?.setAttribute('aria-valuenow', String(Math.round(fill * 100)));
      meterRef.current?.classList.toggle('is-hot', level.peak >= 0.98);
    };
    apply(useCoachStore.getState().inputLevel);
    return useCoachStore.subscribe((state, previous) => {
      if (state.inputLevel !== previous.inputLevel) apply(state.inputLevel);
    });
  }, []);

  return (
    <div
      ref={meterRef}
      className="level-meter"
      role="meter"
      aria-label="Microphone input level"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={0}
    >
      <div ref={fillRef} className="level-fill" />
      <div ref={peakRef} className="level-peak" />
    </div>
  );
}
