// Checks a Settings draft before it is saved, field by field, in words that say what to change. The
// limits are the ones main enforces (src/shared/coachingSchemas.ts); the renderer carries no zod, so
// they are restated here beside each field's label and unit, and a test keeps the two in step.
import type { CoachSettings } from '../../../../shared/coachingSchemas';

export type NudgeNumberKey =
  | 'slowDownAboveWpm'
  | 'speedUpBelowWpm'
  | 'fillerBurstCount'
  | 'fillerBurstWindowSec'
  | 'longSilenceSec'
  | 'minSpacingSec'
  | 'sameKindSpacingSec'
  | 'encouragementAfterSec';

export type SettingsFieldKey = NudgeNumberKey | 'minSec' | 'maxSec' | 'thinkTimeSec';

export type NumberFieldSpec = {
  key: SettingsFieldKey;
  label: string;
  unit: string;
  help?: string;
  min: number;
  max: number;
  /** Counts and paces are whole numbers; seconds may have a decimal. */
  whole: boolean;
};

export type FieldErrors = Partial<Record<SettingsFieldKey, string>>;

/** "100 to 300 words/min". */
const range = (f: NumberFieldSpec) => `${f.min} to ${f.max} ${f.unit}`;

function valueError(f: NumberFieldSpec, value: number): string | null {
  if (Number.isNaN(value)) return `Enter a number from ${range(f)}.`;
  if (f.whole && !Number.isInteger(value)) return `Use a whole number from ${range(f)}.`;
  if (value < f.min) return `Too low: use ${f.min} ${f.unit} or more (up to ${f.max}).`;
  if (value > f.max) return `Too high: use ${f.max} ${f.unit} or less (from ${f.min}).`;
  return null;
}

/** What is wrong with each field of the draft, in the order the fields are shown; empty when it can be saved. */
export function settingsErrors(
  draft: Pick<CoachSettings, 'nudges' | 'practice'> & Partial<Pick<CoachSettings, 'mock'>>,
  fields: readonly NumberFieldSpec[],
): FieldErrors {
  const errors: FieldErrors = {};
  // Checked even with nudges turned off: main keeps (and checks) the thresholds either way.
  for (const f of fields) {
    if (f.key === 'minSec' || f.key === 'maxSec' || f.key === 'thinkTimeSec') continue;
    const message = valueError(f, draft.nudges[f.key]);
    if (message) errors[f.key] = message;
  }
  const { speedUpBelowWpm, slowDownAboveWpm } = draft.nudges;
  if (!errors.speedUpBelowWpm && !errors.slowDownAboveWpm && speedUpBelowWpm >= slowDownAboveWpm) {
    errors.speedUpBelowWpm = `Make this lower than the “slow down” pace (${slowDownAboveWpm} words/min), or raise that one.`;
  }
  const target = draft.practice.defaultTarget;
  for (const key of ['minSec', 'maxSec'] as const) {
    const f = fields.find((x) => x.key === key);
    const message = f ? valueError(f, target[key]) : null;
    if (message) errors[key] = message;
  }
  if (!errors.minSec && !errors.maxSec && target.minSec >= target.maxSec) {
    errors.minSec = `Make the shortest length less than the longest (${target.maxSec} seconds), or raise that one.`;
  }
  const think = fields.find((x) => x.key === 'thinkTimeSec');
  const thinkError = think && draft.mock ? valueError(think, draft.mock.thinkTimeSec) : null;
  if (thinkError) errors.thinkTimeSec = thinkError;
  return errors;
}

/**
 * A refusal from main in the user's words. Main checks the same limits, so this is for the odd case
 * (a stale screen, a file edited by hand); its schema text is never shown.
 */
export function saveFailureMessage(raw: string): string {
  return /^Invalid payload for /.test(raw) || raw.trim().startsWith('[')
    ? 'These settings could not be saved: a value is outside what the app accepts. Check the fields marked above, or restore the defaults.'
    : raw;
}
