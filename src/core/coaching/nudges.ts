// Live nudges: at most one short, kind hint at a time, so the speaker can glance at it mid-answer without
// losing their thread. Rules say when a condition holds; the engine decides whether it is worth showing.
import type { Nudge, NudgeKind, Word } from '../../shared/domain';
import { readLive, type LiveReading } from './liveReading';

export type NudgeParams = {
  /** Off: the engine never shows a nudge (the speaker wants a quiet screen). */
  enabled: boolean;
  slowDownAboveWpm: number;
  speedUpBelowWpm: number;
  /** This many fillers within fillerBurstWindowSec is a burst worth mentioning. */
  fillerBurstCount: number;
  fillerBurstWindowSec: number;
  /** Silence after the last word before offering reassurance. */
  longSilenceSec: number;
  /** No nudge follows another sooner than this, whatever its kind. */
  minSpacingSec: number;
  /** The same kind is not repeated sooner than this. */
  sameKindSpacingSec: number;
  /** A word of encouragement when things go well: after this long with no other nudge (0 turns it off). */
  encouragementAfterSec: number;
  /** Target answer length; the time nudges only exist when it is set. */
  targetSec?: number;
};

export const DEFAULT_NUDGE_PARAMS: Readonly<NudgeParams> = {
  enabled: true,
  slowDownAboveWpm: 170,
  speedUpBelowWpm: 100,
  fillerBurstCount: 3,
  fillerBurstWindowSec: 20,
  longSilenceSec: 5,
  minSpacingSec: 10,
  sameKindSpacingSec: 30,
  encouragementAfterSec: 40,
};

/** Encouragement only while the speaker is talking: this soon after the last word. */
const ENCOURAGE_WITHIN_SEC_OF_SPEECH = 2;

/** The time-left warning comes this long before the target. */
export const TIME_LEFT_WARNING_SEC = 30;
/**
 * A condition must still hold on an update at least this long after it was first seen (with no update in
 * between where it didn't), so a momentary blip never flashes a nudge.
 */
export const NUDGE_CONFIRM_SEC = 2;
/**
 * Fillers in the first seconds after the first word, while the speaker finds their feet, are normal and
 * don't count towards a burst: nudging about them later would be stale advice.
 */
export const FILLER_WARM_UP_SEC = 5;
/** Absorbs floating-point error when comparing timestamps. */
const TIME_EPSILON_SEC = 1e-9;

/** Highest first. Time is the one thing the speaker can't judge themselves; silence matters least. */
export const NUDGE_PRIORITY: readonly NudgeKind[] = [
  'time-up',
  'time-left',
  'fewer-fillers',
  'slow-down',
  'speed-up',
  'long-pause',
  'encouragement',
];

/** Time nudges are facts, not judgements: they fire at once and only once. */
const ONE_SHOT_KINDS: ReadonlySet<NudgeKind> = new Set(['time-up', 'time-left']);

export const NUDGE_MESSAGES = {
  slowDown: 'Slow down a little',
  speedUp: 'Pick up the pace a little',
  longPause: 'Take your time — carry on when ready',
  timeUp: "Time's up — wrap up",
  timeLeft: (secondsLeft: number): string =>
    `${secondsLeft} ${secondsLeft === 1 ? 'second' : 'seconds'} left`,
  fewerFillers: (filler: string): string => `Try a silent pause instead of '${filler}'`,
  /** Rotated, so the same praise twice doesn't sound automatic. */
  encouragement: ['Good pace — keep going', 'Nice and steady — keep it up', 'Clear and calm — carry on'],
} as const;

/** Problems that rule out encouragement while they hold. */
const PROBLEM_KINDS: readonly NudgeKind[] = ['fewer-fillers', 'slow-down', 'speed-up', 'long-pause'];

/**
 * `reading` is the one computed for the live stats (see liveReading.ts), so every nudge agrees with the
 * chips; without it one is computed from `committedWords`.
 */
export type NudgeEngineState = { nowSec: number; committedWords: readonly Word[]; reading?: LiveReading };

/** Conditions that hold right now, each with the message it would show. */
type Conditions = Map<NudgeKind, string>;

export class NudgeEngine {
  private readonly params: NudgeParams;
  /** When each debounced condition was first seen in its current unbroken run. */
  private readonly heldSinceSec = new Map<NudgeKind, number>();
  private readonly lastFiredSecByKind = new Map<NudgeKind, number>();
  private lastFiredSec: number | null = null;
  /** End of the last word before the silence already nudged about, so one silence gets one nudge. */
  private nudgedSilenceAfterSec: number | null = null;
  private encouragementCount = 0;

  constructor(params: Partial<NudgeParams> = {}) {
    // An explicit `undefined` (e.g. from an unset setting) means "use the default", not "no value".
    const given = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    this.params = { ...DEFAULT_NUDGE_PARAMS, ...given };
  }

  /** Call on every caption or clock tick; returns a nudge only when a new one should appear now. */
  update(state: NudgeEngineState): Nudge | null {
    if (!this.params.enabled) return null;
    const { nowSec } = state;
    const reading = state.reading ?? readLive(state.committedWords, nowSec);
    const conditions = this.detectConditions(reading);
    this.trackHeldConditions(conditions, nowSec);

    if (this.lastFiredSec !== null && nowSec - this.lastFiredSec < this.params.minSpacingSec) return null;
    // Time nudges come at known moments, so other nudges make way for them rather than delay them.
    const timeNudgeSoon = this.timeNudgeWithinSpacing(nowSec);
    const kind = NUDGE_PRIORITY.find(
      (candidate) =>
        this.isReady(candidate, conditions, nowSec) && (ONE_SHOT_KINDS.has(candidate) || !timeNudgeSoon),
    );
    const message = kind === undefined ? undefined : conditions.get(kind);
    if (kind === undefined || message === undefined) return null;

    this.lastFiredSec = nowSec;
    this.lastFiredSecByKind.set(kind, nowSec);
    if (kind === 'long-pause') this.nudgedSilenceAfterSec = reading.lastSpeechSec;
    if (kind === 'encouragement') this.encouragementCount += 1;
    return { kind, message, atSec: nowSec };
  }

  private isReady(kind: NudgeKind, conditions: Conditions, nowSec: number): boolean {
    if (!conditions.has(kind)) return false;
    const lastFired = this.lastFiredSecByKind.get(kind);
    if (ONE_SHOT_KINDS.has(kind)) return lastFired === undefined;
    if (lastFired !== undefined && nowSec - lastFired < this.params.sameKindSpacingSec) return false;
    const heldSince = this.heldSinceSec.get(kind);
    return heldSince !== undefined && nowSec - heldSince + TIME_EPSILON_SEC >= NUDGE_CONFIRM_SEC;
  }

  private timeNudgeWithinSpacing(nowSec: number): boolean {
    const { targetSec, minSpacingSec } = this.params;
    if (targetSec === undefined) return false;
    const upcoming: number[] = [];
    const warningSec = targetSec - TIME_LEFT_WARNING_SEC;
    if (targetSec > TIME_LEFT_WARNING_SEC && !this.lastFiredSecByKind.has('time-left')) {
      upcoming.push(warningSec);
    }
    if (!this.lastFiredSecByKind.has('time-up')) upcoming.push(targetSec);
    return upcoming.some((atSec) => atSec > nowSec && atSec - nowSec < minSpacingSec);
  }

  private trackHeldConditions(conditions: Conditions, nowSec: number): void {
    for (const kind of NUDGE_PRIORITY) {
      if (!conditions.has(kind)) this.heldSinceSec.delete(kind);
      else if (!this.heldSinceSec.has(kind)) this.heldSinceSec.set(kind, nowSec);
    }
  }

  private detectConditions(reading: LiveReading): Conditions {
    const { nowSec } = reading;
    const conditions: Conditions = new Map();
    const { targetSec } = this.params;

    if (targetSec !== undefined) {
      if (nowSec >= targetSec) conditions.set('time-up', NUDGE_MESSAGES.timeUp);
      // A warning at the very start of a short target would be noise rather than help.
      else if (targetSec > TIME_LEFT_WARNING_SEC && nowSec >= targetSec - TIME_LEFT_WARNING_SEC) {
        // Spacing may delay the warning, so say what is really left rather than a fixed 30.
        conditions.set('time-left', NUDGE_MESSAGES.timeLeft(Math.ceil(targetSec - nowSec)));
      }
    }

    const burstFiller = this.fillerBurst(reading);
    if (burstFiller !== null) conditions.set('fewer-fillers', NUDGE_MESSAGES.fewerFillers(burstFiller));

    // The very figure the pace chip shows: the same words, fillers left out, the same window.
    const wpm = reading.wordsPerMinute;
    if (wpm !== null && wpm > this.params.slowDownAboveWpm)
      conditions.set('slow-down', NUDGE_MESSAGES.slowDown);
    if (wpm !== null && wpm < this.params.speedUpBelowWpm) conditions.set('speed-up', NUDGE_MESSAGES.speedUp);

    // Silence is measured from the last sound of speech, tentative words and the VAD included, so the
    // speaker is never told to take their time while still talking.
    const lastSpeechSec = reading.lastSpeechSec;
    if (
      lastSpeechSec !== null &&
      lastSpeechSec !== this.nudgedSilenceAfterSec &&
      nowSec - lastSpeechSec + TIME_EPSILON_SEC >= this.params.longSilenceSec
    ) {
      conditions.set('long-pause', NUDGE_MESSAGES.longPause);
    }

    if (this.encouragementDue(conditions, reading)) {
      const messages = NUDGE_MESSAGES.encouragement;
      conditions.set('encouragement', messages[this.encouragementCount % messages.length]!);
    }
    return conditions;
  }

  /** Praise only a steady, comfortable stretch, and only when nothing has been said for a while. */
  private encouragementDue(conditions: Conditions, reading: LiveReading): boolean {
    const { encouragementAfterSec } = this.params;
    const { nowSec, firstSpeechSec, lastSpeechSec, wordsPerMinute } = reading;
    if (encouragementAfterSec <= 0 || firstSpeechSec === null || lastSpeechSec === null) return false;
    if (wordsPerMinute === null) return false;
    if (PROBLEM_KINDS.some((kind) => conditions.has(kind))) return false;
    if (nowSec - lastSpeechSec > ENCOURAGE_WITHIN_SEC_OF_SPEECH) return false;
    const quietSinceSec = this.lastFiredSec ?? firstSpeechSec;
    return nowSec - quietSinceSec >= encouragementAfterSec;
  }

  /** The most frequent filler in a recent burst (so the message names the speaker's own habit), or null. */
  private fillerBurst({ nowSec, fillers, firstSpeechSec }: LiveReading): string | null {
    if (firstSpeechSec === null) return null;
    const countFromSec = Math.max(
      nowSec - this.params.fillerBurstWindowSec,
      firstSpeechSec + FILLER_WARM_UP_SEC,
    );
    const recent = fillers.filter((hit) => hit.startSec >= countFromSec && hit.startSec <= nowSec);
    if (recent.length < this.params.fillerBurstCount) return null;

    const counts = new Map<string, number>();
    let commonest: string | null = null;
    let commonestCount = 0;
    for (const hit of recent) {
      const count = (counts.get(hit.text) ?? 0) + 1;
      counts.set(hit.text, count);
      // `>=` lets the latest filler win ties: it is the one the speaker just heard themselves say.
      if (count >= commonestCount) {
        commonest = hit.text;
        commonestCount = count;
      }
    }
    return commonest;
  }
}
