import { useEffect, useState, type FormEvent } from 'react';
import type { CoachSettings } from '../../../../shared/coachingSchemas';
import { useCoachStore } from '../../store';
import { DataUsage } from './DataUsage';
import { ModelsSection } from './ModelsSection';
import './settings.css';

type NudgeNumberKey =
  | 'slowDownAboveWpm'
  | 'speedUpBelowWpm'
  | 'fillerBurstCount'
  | 'fillerBurstWindowSec'
  | 'longSilenceSec'
  | 'minSpacingSec'
  | 'sameKindSpacingSec'
  | 'encouragementAfterSec';

const NUMBER_FIELDS: {
  key: NudgeNumberKey;
  label: string;
  unit: string;
  help: string;
  min: number;
  max: number;
}[] = [
  {
    key: 'slowDownAboveWpm',
    label: '“Slow down” above',
    unit: 'words/min',
    help: 'Comfortable is 120–160.',
    min: 100,
    max: 300,
  },
  {
    key: 'speedUpBelowWpm',
    label: '“Pick up the pace” below',
    unit: 'words/min',
    help: 'Must be below the “slow down” pace.',
    min: 40,
    max: 200,
  },
  {
    key: 'fillerBurstCount',
    label: 'Filler burst: this many fillers',
    unit: 'fillers',
    help: 'A cluster worth a nudge…',
    min: 2,
    max: 10,
  },
  {
    key: 'fillerBurstWindowSec',
    label: '…within',
    unit: 'seconds',
    help: 'Isolated fillers never trigger a nudge.',
    min: 5,
    max: 60,
  },
  {
    key: 'longSilenceSec',
    label: 'Long silence after',
    unit: 'seconds',
    help: 'Then a calm “take your time”.',
    min: 2,
    max: 30,
  },
  {
    key: 'minSpacingSec',
    label: 'At least this long between nudges',
    unit: 'seconds',
    help: 'One nudge at a time, never a stream.',
    min: 3,
    max: 60,
  },
  {
    key: 'sameKindSpacingSec',
    label: 'Same nudge again after',
    unit: 'seconds',
    help: 'Stops the same advice repeating.',
    min: 5,
    max: 180,
  },
  {
    key: 'encouragementAfterSec',
    label: 'Encouragement after',
    unit: 'seconds',
    help: 'Of steady speaking with no other nudge; 0 turns it off.',
    min: 0,
    max: 300,
  },
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
  const setSaved = onSaved;

  const setNudge = <K extends keyof CoachSettings['nudges']>(key: K, value: CoachSettings['nudges'][K]) => {
    setSaved(false);
    setDraft({ ...draft, nudges: { ...draft.nudges, [key]: value } });
  };
  const setTarget = (key: 'minSec' | 'maxSec', value: number) => {
    setSaved(false);
    setDraft({ ...draft, practice: { defaultTarget: { ...draft.practice.defaultTarget, [key]: value } } });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(await saveSettings({ nudges: draft.nudges, practice: draft.practice }));
  };

  return (
    <>
      <form className="settings" onSubmit={(e) => void submit(e)}>
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
            {NUMBER_FIELDS.map((f) => (
              <NumberField
                key={f.key}
                label={f.label}
                unit={f.unit}
                help={f.help}
                min={f.min}
                max={f.max}
                value={draft.nudges[f.key]}
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
            <NumberField
              label="Shortest"
              unit="seconds"
              min={10}
              max={600}
              value={draft.practice.defaultTarget.minSec}
              onChange={(value) => setTarget('minSec', value)}
            />
            <NumberField
              label="Longest"
              unit="seconds"
              min={10}
              max={600}
              value={draft.practice.defaultTarget.maxSec}
              onChange={(value) => setTarget('maxSec', value)}
            />
          </div>
        </section>

        {error && (
          <p className="notice notice-error" role="alert">
            {error}
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
  label: string;
  unit: string;
  help?: string;
  min: number;
  max: number;
  /** NaN while the box is empty, so a half-typed value is not replaced under the user's cursor. */
  value: number;
  disabled?: boolean;
  onChange: (value: number) => void;
};

function NumberField({ label, unit, help, min, max, value, disabled, onChange }: NumberFieldProps) {
  return (
    <label className="field number-field">
      <span className="field-label">{label}</span>
      <span className="number-input">
        <input
          type="number"
          min={min}
          max={max}
          step={1}
          value={shown(value)}
          disabled={disabled}
          onChange={(e) => onChange(numberFrom(e.target.value))}
        />
        <span className="number-unit">{unit}</span>
      </span>
      {help ? <span className="field-help">{help}</span> : null}
    </label>
  );
}
