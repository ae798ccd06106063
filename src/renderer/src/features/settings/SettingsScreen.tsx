import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CoachSettings } from '../../../../shared/coachingSchemas';
import { useCoachStore } from '../../store';
import { DataUsage } from './DataUsage';
import { ModelsSection } from './ModelsSection';
import {
  saveFailureMessage,
  settingsErrors,
  type FieldErrors,
  type NudgeNumberKey,
  type NumberFieldSpec,
} from './settingsValidation';
import './settings.css';

const NUDGE_FIELDS: (NumberFieldSpec & { key: NudgeNumberKey })[] = [
  {
    key: 'slowDownAboveWpm',
    label: '“Slow down” above',
    unit: 'words/min',
    help: 'Comfortable is 120–160.',
    min: 100,
    max: 300,
    whole: true,
  },
  {
    key: 'speedUpBelowWpm',
    label: '“Pick up the pace” below',
    unit: 'words/min',
    help: 'Must be below the “slow down” pace.',
    min: 40,
    max: 200,
    whole: true,
  },
  {
    key: 'fillerBurstCount',
    label: 'Filler burst: this many fillers',
    unit: 'fillers',
    help: 'A cluster worth a nudge…',
    min: 2,
    max: 10,
    whole: true,
  },
  {
    key: 'fillerBurstWindowSec',
    label: '…within',
    unit: 'seconds',
    help: 'Isolated fillers never trigger a nudge.',
    min: 5,
    max: 60,
    whole: false,
  },
  {
    key: 'longSilenceSec',
    label: 'Long silence after',
    unit: 'seconds',
    help: 'Then a calm “take your time”.',
    min: 2,
    max: 30,
    whole: false,
  },
  {
    key: 'minSpacingSec',
    label: 'At least this long between nudges',
    unit: 'seconds',
    help: 'One nudge at a time, never a stream.',
    min: 3,
    max: 60,
    whole: false,
  },
  {
    key: 'sameKindSpacingSec',
    label: 'Same nudge again after',
    unit: 'seconds',
    help: 'Stops the same advice repeating.',
    min: 5,
    max: 180,
    whole: false,
  },
  {
    key: 'encouragementAfterSec',
    label: 'Encouragement after',
    unit: 'seconds',
    help: 'Of steady speaking with no other nudge; 0 turns it off.',
    min: 0,
    max: 300,
    whole: false,
  },
];

/** MIN_TARGET_SEC and MAX_TARGET_SEC in coachingSchemas, which the renderer may not import (zod). */
const TARGET_LIMITS = { min: 10, max: 600 } as const;

const TARGET_FIELDS: (NumberFieldSpec & { key: 'minSec' | 'maxSec' })[] = [
  {
    key: 'minSec',
    label: 'Shortest',
    unit: 'seconds',
    min: TARGET_LIMITS.min,
    max: TARGET_LIMITS.max,
    whole: false,
  },
  {
    key: 'maxSec',
    label: 'Longest',
    unit: 'seconds',
    min: TARGET_LIMITS.min,
    max: TARGET_LIMITS.max,
    whole: false,
  },
];

/** MAX_THINK_TIME_SEC in coachingSchemas. */
const THINK_TIME_FIELD: NumberFieldSpec & { key: 'thinkTimeSec' } = {
  key: 'thinkTimeSec',
  label: 'Time to think before recording',
  unit: 'seconds',
  help: 'After the interviewer reads the question; 0 starts at once.',
  min: 0,
  max: 60,
  whole: true,
};

/** Every field in the order shown: the first with an error is the one focused on Save. */
export const SETTINGS_FIELDS: readonly NumberFieldSpec[] = [
  ...NUDGE_FIELDS,
  ...TARGET_FIELDS,
  THINK_TIME_FIELD,
];

/** An emptied field stays empty while typing (NaN), rather than jumping to 0; saving then explains it. */
const numberFrom = (raw: string): number => (raw.trim() === '' ? Number.NaN : Number(raw));
const shown = (value: number): number | string => (Number.isNaN(value) ? '' : value);

/** Coaching settings: the live-nudge thresholds and the default answer length. */
export function SettingsScreen() {
  const settings = useCoachStore((s) => s.settings);
  const status = useCoachStore((s) => s.settingsStatus);
  const error = useCoachStore((s) => s.settingsError);
  const loadSettings = useCoachStore((s) => s.loadSettings);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (status === 'idle') void loadSettings();
  }, [status, loadSettings]);

  if (!settings) {
    return (
      <div className="settings">
        <h1 className="page-title">Settings</h1>
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="muted loading-line" role="status">
            <span className="spinner spinner-small" aria-hidden="true" /> Loading settings…
          </p>
        )}
      </div>
    );
  }

  // Saved or reset settings start a fresh draft (a language picked under Models does not).
  const draftKey = JSON.stringify({ nudges: settings.nudges, practice: settings.practice });
  return <SettingsForm key={draftKey} settings={settings} saved={saved} onSaved={setSaved} />;
}

type FormProps = { settings: CoachSettings; saved: boolean; onSaved: (saved: boolean) => void };

function SettingsForm({ settings, saved, onSaved }: FormProps) {
  const error = useCoachStore((s) => s.settingsError);
  const saveSettings = useCoachStore((s) => s.saveSettings);
  const resetSettings = useCoachStore((s) => s.resetSettings);
  const [draft, setDraft] = useState<CoachSettings>(settings);
  /** Shown once Save was pressed, then kept up to date as the user fixes each field. */
  const [showErrors, setShowErrors] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const setSaved = onSaved;
  const errors: FieldErrors = showErrors ? settingsErrors(draft, SETTINGS_FIELDS) : {};

  const setNudge = <K extends keyof CoachSettings['nudges']>(key: K, value: CoachSettings['nudges'][K]) => {
    setSaved(false);
    setDraft({ ...draft, nudges: { ...draft.nudges, [key]: value } });
  };
  const setTarget = (key: 'minSec' | 'maxSec', value: number) => {
    setSaved(false);
    setDraft({ ...draft, practice: { defaultTarget: { ...draft.practice.defaultTarget, [key]: value } } });
  };
  const setMock = <K extends keyof CoachSettings['mock']>(key: K, value: CoachSettings['mock'][K]) => {
    setSaved(false);
    setDraft({ ...draft, mock: { ...draft.mock, [key]: value } });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = settingsErrors(draft, SETTINGS_FIELDS);
    const first = SETTINGS_FIELDS.find((f) => found[f.key]);
    if (first) {
      setShowErrors(true);
      // Focus lands below the sticky header (scroll-padding-top), with the message in view under it.
      const input = formRef.current?.querySelector<HTMLInputElement>(`[data-field="${first.key}"]`);
      input?.focus({ preventScroll: true });
      input?.closest('.number-field')?.scrollIntoView?.({ block: 'center' });
      return;
    }
    setSaved(await saveSettings({ nudges: draft.nudges, practice: draft.practice, mock: draft.mock }));
  };

  return (
    <>
      {/* noValidate: the browser's own bubbles point at fields hidden under the sticky header. */}
      <form className="settings" ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
        <header className="history-header">
          <h1 className="page-title">Settings</h1>
          <p className="muted">Changes apply from your next answer.</p>
        </header>

        <section className="card settings-card" aria-labelledby="settings-nudges">
          <h2 id="settings-nudges" className="section-title">
            Live nudges
          </h2>
          <label className="switch">
            <input
              type="checkbox"
              checked={draft.nudges.enabled}
              onChange={(e) => setNudge('enabled', e.target.checked)}
            />
            <span>Show one short nudge at a time while I answer</span>
          </label>
          <label className="switch">
            <input
              type="checkbox"
              checked={draft.nudges.timeNudges}
              onChange={(e) => setNudge('timeNudges', e.target.checked)}
              disabled={!draft.nudges.enabled}
            />
            <span>Tell me when 30 seconds are left and when time is up</span>
          </label>
          <div className="settings-grid">
            {NUDGE_FIELDS.map((f) => (
              <NumberField
                key={f.key}
                spec={f}
                value={draft.nudges[f.key]}
                error={errors[f.key]}
                disabled={!draft.nudges.enabled}
                onChange={(value) => setNudge(f.key, value)}
              />
            ))}
          </div>
        </section>

        <section className="card settings-card" aria-labelledby="settings-length">
          <h2 id="settings-length" className="section-title">
            Answer length
          </h2>
          <p className="muted">
            The target for questions without one of their own; the timer and the length score use it.
          </p>
          <div className="settings-grid">
            {TARGET_FIELDS.map((f) => (
              <NumberField
                key={f.key}
                spec={f}
                value={draft.practice.defaultTarget[f.key]}
                error={errors[f.key]}
                onChange={(value) => setTarget(f.key, value)}
              />
            ))}
          </div>
        </section>

        <section className="card settings-card" aria-labelledby="settings-mock">
          <h2 id="settings-mock" className="section-title">
            Mock interview
          </h2>
          <p className="muted">
            The interviewer reads each question aloud, gives you time to think, then recording starts by
            itself.
          </p>
          <label className="switch">
            <input
              type="checkbox"
              checked={draft.mock.followUps}
              onChange={(e) => setMock('followUps', e.target.checked)}
            />
            <span>Ask a follow-up question after each answer</span>
          </label>
          <div className="settings-grid">
            <NumberField
              spec={THINK_TIME_FIELD}
              value={draft.mock.thinkTimeSec}
              error={errors.thinkTimeSec}
              onChange={(value) => setMock('thinkTimeSec', value)}
            />
          </div>
        </section>

        {error && (
          <p className="notice notice-error" role="alert">
            {saveFailureMessage(error)}
          </p>
        )}
        {Object.keys(errors).length > 0 && (
          <p className="form-error" role="alert">
            {Object.keys(errors).length === 1
              ? 'One setting needs a change before saving; it is marked above.'
              : `${Object.keys(errors).length} settings need a change before saving; they are marked above.`}
          </p>
        )}
        <div className="result-actions">
          <button type="submit" className="button button-primary">
            Save settings
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setSaved(false);
              void resetSettings();
            }}
          >
            Restore defaults
          </button>
          {saved && (
            <p className="saved-note" role="status">
              Saved
            </p>
          )}
        </div>
      </form>
      <div className="settings settings-data">
        <ModelsSection />
        <DataUsage />
      </div>
    </>
  );
}

type NumberFieldProps = {
  spec: NumberFieldSpec;
  /** NaN while the box is empty, so a half-typed value is not replaced under the user's cursor. */
  value: number;
  error?: string | undefined;
  disabled?: boolean;
  onChange: (value: number) => void;
};

function NumberField({ spec, value, error, disabled, onChange }: NumberFieldProps) {
  const id = useId();
  const described = [spec.help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field number-field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {spec.label}
      </label>
      <span className="number-input">
        <input
          id={id}
          data-field={spec.key}
          type="number"
          min={spec.min}
          max={spec.max}
          step={spec.whole ? 1 : 'any'}
          value={shown(value)}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
          onChange={(e) => onChange(numberFrom(e.target.value))}
        />
        <span className="number-unit">{spec.unit}</span>
      </span>
      {spec.help ? (
        <span id={`${id}-help`} className="field-help">
          {spec.help}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
