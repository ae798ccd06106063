// The user's coaching settings: live-nudge thresholds and the default answer length. One zod schema
// validates the file on disk and every update arriving over IPC, so a bad value never reaches the engine.
import {
  coachSettingsSchema,
  type CoachSettings,
  type SettingsPatch,
  type SettingsUpdate,
} from '../../shared/coachingSchemas';
import { DEFAULT_LANGUAGE } from '../../shared/modelsContract';
import { DEFAULT_TARGET } from '../coaching/answerLength';
import { DEFAULT_NUDGE_PARAMS, type NudgeParams } from '../coaching/nudges';

export type { CoachSettings, SettingsPatch, SettingsUpdate };

export const DEFAULT_SETTINGS: CoachSettings = {
  nudges: {
    enabled: DEFAULT_NUDGE_PARAMS.enabled,
    timeNudges: true,
    slowDownAboveWpm: DEFAULT_NUDGE_PARAMS.slowDownAboveWpm,
    speedUpBelowWpm: DEFAULT_NUDGE_PARAMS.speedUpBelowWpm,
    fillerBurstCount: DEFAULT_NUDGE_PARAMS.fillerBurstCount,
    fillerBurstWindowSec: DEFAULT_NUDGE_PARAMS.fillerBurstWindowSec,
    longSilenceSec: DEFAULT_NUDGE_PARAMS.longSilenceSec,
    minSpacingSec: DEFAULT_NUDGE_PARAMS.minSpacingSec,
    sameKindSpacingSec: DEFAULT_NUDGE_PARAMS.sameKindSpacingSec,
    encouragementAfterSec: DEFAULT_NUDGE_PARAMS.encouragementAfterSec,
  },
  practice: { defaultTarget: { ...DEFAULT_TARGET } },
  speech: { model: null, language: DEFAULT_LANGUAGE },
  mock: { thinkTimeSec: 5, followUps: true },
};

/** Applies an update and validates the result as a whole (cross-field rules included). */
export function mergeSettings(current: CoachSettings, update: SettingsPatch): CoachSettings {
  return coachSettingsSchema.parse({
    nudges: { ...current.nudges, ...update.nudges },
    practice: { ...current.practice, ...update.practice },
    speech: { ...current.speech, ...update.speech },
    mock: { ...current.mock, ...update.mock },
  });
}

/** The NudgeEngine's parameters for one answer; the time nudges need that answer's target. */
export function nudgeParamsFrom(settings: CoachSettings, targetSec?: number): Partial<NudgeParams> {
  const { timeNudges, ...rest } = settings.nudges;
  return { ...rest, ...(timeNudges && targetSec !== undefined ? { targetSec } : {}) };
}
