// The renderer's restated Settings limits stay those main enforces.
import { describe, expect, it } from 'vitest';
import { coachSettingsSchema } from '../../src/shared/coachingSchemas';
import { SETTINGS_FIELDS } from '../../src/renderer/src/features/settings/SettingsScreen';
import { settingsErrors } from '../../src/renderer/src/features/settings/settingsValidation';
import { DEFAULT_TEST_SETTINGS } from './fakeApi';

function draftWith(key: string, value: number) {
  const d = structuredClone(DEFAULT_TEST_SETTINGS);
  if (key === 'minSec' || key === 'maxSec') {
    d.practice.defaultTarget[key] = value;
    // Keep the pair ordered so only the bound itself is under test.
    if (key === 'minSec') d.practice.defaultTarget.maxSec = 600;
    else d.practice.defaultTarget.minSec = 10;
  } else if (key === 'thinkTimeSec') {
    d.mock.thinkTimeSec = value;
  } else {
    (d.nudges as unknown as Record<string, number>)[key] = value;
    if (key === 'speedUpBelowWpm') d.nudges.slowDownAboveWpm = 300;
    if (key === 'slowDownAboveWpm') d.nudges.speedUpBelowWpm = 40;
  }
  return d;
}

describe('Settings limits', () => {
  it('accepts exactly what main accepts at each bound, and refuses just past it', () => {
    for (const f of SETTINGS_FIELDS) {
      for (const value of [f.min, f.max, f.min - 1, f.max + 1]) {
        const draft = draftWith(f.key, value);
        const inMain = coachSettingsSchema.safeParse(draft).success;
        const here = Object.keys(settingsErrors(draft, SETTINGS_FIELDS)).length === 0;
        expect(here, `${f.key}=${value}`).toBe(inMain);
        if (value < f.min || value > f.max) expect(inMain).toBe(false);
      }
    }
  });

  it('refuses a fraction where main wants a whole number', () => {
    for (const f of SETTINGS_FIELDS.filter((x) => x.whole)) {
      const draft = draftWith(f.key, f.min + 0.5);
      expect(coachSettingsSchema.safeParse(draft).success).toBe(false);
      expect(settingsErrors(draft, SETTINGS_FIELDS)[f.key]).toMatch(/whole number/);
    }
  });
});
