// zod schemas for the coaching data that crosses the IPC edge (and the bank file on disk): questions,
// practice sets and settings. Kept free of Node APIs so the renderer's type-check can see them too.
import { z } from 'zod';
import { QUESTION_KINDS, ROLE_FAMILIES } from './domain';
import { LANGUAGE_CODES, MODEL_FILE_NAME_PATTERN } from './modelsContract';

/** Answers shorter than this can't hold a story; longer than this nobody listens to. */
export const MIN_TARGET_SEC = 10;
export const MAX_TARGET_SEC = 600;

export const targetLengthSchema = z
  .object({
    minSec: z.number().min(MIN_TARGET_SEC).max(MAX_TARGET_SEC),
    maxSec: z.number().min(MIN_TARGET_SEC).max(MAX_TARGET_SEC),
  })
  .refine((t) => t.minSec < t.maxSec, 'the shortest target must be below the longest');

export const talkingPointSchema = z.object({
  label: z.string().min(1).max(200),
  cues: z.array(z.string().min(1).max(60)).min(1).max(20),
});

export const newCustomQuestionSchema = z.object({
  text: z.string().trim().min(5, 'write at least a few words').max(500),
  kind: z.enum(QUESTION_KINDS),
  roles: z.array(z.enum(ROLE_FAMILIES)).max(ROLE_FAMILIES.length).optional(),
  covers: z.string().trim().max(1000).optional(),
  target: targetLengthSchema.optional(),
});
export type NewCustomQuestion = z.infer<typeof newCustomQuestionSchema>;

export const MAX_PRACTICE_SET = 30;

export const practiceSetOptionsSchema = z.object({
  /** Questions for this role family plus the general ones; 'any' takes every question. */
  role: z.union([z.enum(ROLE_FAMILIES), z.literal('any')]),
  count: z.number().int().min(1).max(MAX_PRACTICE_SET),
  /** Only these kinds; absent or empty means every kind. */
  kinds: z.array(z.enum(QUESTION_KINDS)).optional(),
  order: z.enum(['shuffle', 'bank']),
  /** Hand-picked question ids, in the order given; when present the other filters are ignored. */
  questionIds: z.array(z.string().min(1).max(200)).max(MAX_PRACTICE_SET).optional(),
});
export type PracticeSetOptions = z.infer<typeof practiceSetOptionsSchema>;

const nudgeSettingsShape = {
  enabled: z.boolean(),
  /** The "30 seconds left" and "time's up" nudges. */
  timeNudges: z.boolean(),
  slowDownAboveWpm: z.number().int().min(100).max(300),
  speedUpBelowWpm: z.number().int().min(40).max(200),
  fillerBurstCount: z.number().int().min(2).max(10),
  fillerBurstWindowSec: z.number().min(5).max(60),
  longSilenceSec: z.number().min(2).max(30),
  minSpacingSec: z.number().min(3).max(60),
  sameKindSpacingSec: z.number().min(5).max(180),
  encouragementAfterSec: z.number().min(0).max(300),
};

const speechSettingsShape = {
  /** The model file chosen in Settings → Models; null lets the app pick the best one installed. */
  model: z.string().regex(MODEL_FILE_NAME_PATTERN, 'not a model file name').nullable(),
  /** A Whisper language code or 'auto'; English-only models always use 'en'. */
  language: z.string().refine((code) => LANGUAGE_CODES.includes(code), 'not a language Whisper knows'),
};

/** Mock interviews: seconds to think after the question is read, and whether a follow-up comes. */
export const MAX_THINK_TIME_SEC = 60;
const mockSettingsShape = {
  thinkTimeSec: z.number().int().min(0).max(MAX_THINK_TIME_SEC),
  followUps: z.boolean(),
};

export const coachSettingsSchema = z.object({
  nudges: z.object(nudgeSettingsShape).refine((n) => n.speedUpBelowWpm < n.slowDownAboveWpm, {
    message: 'the "speed up" threshold must be below the "slow down" one',
  }),
  practice: z.object({ defaultTarget: targetLengthSchema }),
  speech: z.object(speechSettingsShape),
  mock: z.object(mockSettingsShape),
});
export type CoachSettings = z.infer<typeof coachSettingsSchema>;

/** Any stored field may change: the settings file, and the app's own writes (the model manager). */
export const settingsPatchSchema = z.object({
  nudges: z.object(nudgeSettingsShape).partial().optional(),
  practice: z.object({ defaultTarget: targetLengthSchema }).partial().optional(),
  speech: z.object(speechSettingsShape).partial().optional(),
  mock: z.object(mockSettingsShape).partial().optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/**
 * What `settings:update` accepts from the renderer: everything but the speech model, which only
 * Settings → Models (`models:set-active`) may change, after checking the file and reloading the engine.
 */
export const settingsUpdateSchema = settingsPatchSchema.extend({
  speech: z.strictObject({ language: speechSettingsShape.language }).partial().optional(),
});
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;
