import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NUDGE_PARAMS, NudgeEngine } from '../../../src/core/coaching/nudges';
import { DEFAULT_SETTINGS, nudgeParamsFrom } from '../../../src/core/settings/coachSettings';
import { SETTINGS_FILE_NAME, SettingsStore } from '../../../src/core/settings/settingsStore';
import { tempDir } from '../../helpers/fixtures';

describe('SettingsStore', () => {
  it('starts from the defaults, which match the nudge engine', () => {
    const store = new SettingsStore();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    const { targetSec: _none, ...fromSettings } = {
      ...DEFAULT_NUDGE_PARAMS,
      ...nudgeParamsFrom(store.get()),
    };
    expect(fromSettings).toEqual(DEFAULT_NUDGE_PARAMS);
  });

  it('saves a validated update to settings.json and reads it back', () => {
    const dir = tempDir();
    const store = SettingsStore.inDataDir(dir);
    const next = store.update({
      nudges: { slowDownAboveWpm: 180 },
      practice: { defaultTarget: { minSec: 45, maxSec: 90 } },
    });
    expect(next.nudges.slowDownAboveWpm).toBe(180);
    expect(next.nudges.speedUpBelowWpm).toBe(DEFAULT_SETTINGS.nudges.speedUpBelowWpm);
    const file = path.join(dir, SETTINGS_FILE_NAME);
    expect(JSON.parse(readFileSync(file, 'utf8')).nudges.slowDownAboveWpm).toBe(180);
    expect(SettingsStore.inDataDir(dir).get()).toEqual(next);
  });

  it('refuses invalid values and contradictory thresholds without changing anything', () => {
    const dir = tempDir();
    const store = SettingsStore.inDataDir(dir);
    expect(() => store.update({ nudges: { slowDownAboveWpm: 5 } })).toThrow();
    expect(() => store.update({ nudges: { speedUpBelowWpm: 190, slowDownAboveWpm: 180 } })).toThrow(
      /speed up/,
    );
    expect(() => store.update({ practice: { defaultTarget: { minSec: 120, maxSec: 60 } } })).toThrow();
    expect(() => store.update({ nudges: { enabled: 'yes' } } as never)).toThrow();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(existsSync(path.join(dir, SETTINGS_FILE_NAME))).toBe(false);
  });

  it('falls back to the defaults, saying why, when the file is corrupt; fills fields an older file lacks', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, SETTINGS_FILE_NAME), '{ not json');
    const broken = SettingsStore.inDataDir(dir);
    expect(broken.get()).toEqual(DEFAULT_SETTINGS);
    expect(broken.loadProblem).toMatch(/Ignored .*settings\.json/);
    writeFileSync(path.join(dir, SETTINGS_FILE_NAME), JSON.stringify({ nudges: { longSilenceSec: 8 } }));
    const old = SettingsStore.inDataDir(dir);
    expect(old.loadProblem).toBeNull();
    expect(old.get().nudges).toEqual({ ...DEFAULT_SETTINGS.nudges, longSilenceSec: 8 });
  });

  it('resets to the defaults', () => {
    const store = SettingsStore.inDataDir(tempDir());
    store.update({ nudges: { enabled: false } });
    expect(store.reset()).toEqual(DEFAULT_SETTINGS);
  });

  it('turns settings into nudge parameters: disabled time nudges drop the target', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      nudges: { ...DEFAULT_SETTINGS.nudges, timeNudges: false, enabled: false },
    };
    expect(nudgeParamsFrom(settings, 90)).not.toHaveProperty('targetSec');
    expect(nudgeParamsFrom(DEFAULT_SETTINGS, 90).targetSec).toBe(90);
    const engine = new NudgeEngine(nudgeParamsFrom(settings, 90));
    expect(engine.update({ nowSec: 100, committedWords: [] })).toBeNull();
  });

  it('writes through a unique temporary file and leaves nothing behind when saving fails', () => {
    const dir = tempDir('coach-settings-');
    const file = path.join(dir, SETTINGS_FILE_NAME);
    const store = new SettingsStore(file);
    store.update({ nudges: { enabled: false } });
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE_NAME]);
    // A folder where the file should be: the rename fails, the temporary copy must not stay.
    const blocked = path.join(dir, 'blocked');
    mkdirSync(path.join(blocked, SETTINGS_FILE_NAME), { recursive: true });
    const stuck = new SettingsStore(path.join(blocked, SETTINGS_FILE_NAME));
    expect(() => stuck.update({ nudges: { enabled: false } })).toThrow();
    expect(readdirSync(blocked)).toEqual([SETTINGS_FILE_NAME]);
    expect(stuck.get().nudges.enabled).toBe(true);
  });

  it('still lets the app itself save the speech model', () => {
    const store = new SettingsStore();
    expect(store.update({ speech: { model: 'ggml-tiny.bin' } }).speech.model).toBe('ggml-tiny.bin');
  });
});
