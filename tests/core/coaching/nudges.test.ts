import { describe, it, expect } from 'vitest';
import type { Nudge, Word } from '../../../src/shared/domain';
import { DEFAULT_NUDGE_PARAMS, NudgeEngine } from '../../../src/core/coaching/nudges';

const NORMAL_WPM = 130;
const FAST_WPM = 200;
const SLOW_WPM = 70;
/**
 * Pace leaves fillers out, so a stream where every `n`th word is a filler is spoken this much faster to
 * keep the same words-per-minute reading.
 */
const withFillers = (wpm: number, everyNth: number): number => (wpm * everyNth) / (everyNth - 1);
/** Each word fills this share of its slot; the rest is the gap before the next word. */
const WORD_SHARE = 0.8;

/** Evenly paced speech from `fromSec` up to `toSec` at `wpm`; `texts` cycle as the words' text. */
function speech(fromSec: number, toSec: number, wpm: number, texts: string[] = ['word']): Word[] {
  const slotSec = 60 / wpm;
  const words: Word[] = [];
  for (let startSec = fromSec; startSec + slotSec <= toSec + 1e-9; startSec += slotSec) {
    words.push({
      text: texts[words.length % texts.length] ?? 'word',
      startSec,
      endSec: startSec + slotSec * WORD_SHARE,
    });
  }
  return words;
}

/** Feeds the engine the words committed by each tick and returns the nudges it showed. */
function run(engine: NudgeEngine, words: Word[], ticks: number[]): Nudge[] {
  const shown: Nudge[] = [];
  for (const nowSec of ticks) {
    const nudge = engine.update({ nowSec, committedWords: words.filter((word) => word.endSec <= nowSec) });
    if (nudge) shown.push(nudge);
  }
  return shown;
}

const range = (fromSec: number, toSec: number, stepSec = 1): number[] =>
  Array.from(
    { length: Math.floor((toSec - fromSec) / stepSec) + 1 },
    (_, index) => fromSec + index * stepSec,
  );

describe('NudgeEngine', () => {
  it('exposes the documented defaults', () => {
    expect(DEFAULT_NUDGE_PARAMS).toEqual({
      enabled: true,
      slowDownAboveWpm: 170,
      speedUpBelowWpm: 100,
      fillerBurstCount: 3,
      fillerBurstWindowSec: 20,
      longSilenceSec: 5,
      minSpacingSec: 10,
      sameKindSpacingSec: 30,
      encouragementAfterSec: 40,
    });
  });

  it('treats explicitly undefined params as defaults', () => {
    const engine = new NudgeEngine({ slowDownAboveWpm: undefined, targetSec: undefined });
    expect(run(engine, speech(0, 30, FAST_WPM), range(0, 30))[0]?.kind).toBe('slow-down');
  });

  it('raises no problem at a comfortable pace (only, after a while, encouragement)', () => {
    expect(
      run(new NudgeEngine({ encouragementAfterSec: 0 }), speech(0, 60, NORMAL_WPM), range(0, 60, 0.5)),
    ).toEqual([]);
    const shown = run(new NudgeEngine(), speech(0, 60, NORMAL_WPM), range(0, 60, 0.5));
    expect(shown.map((n) => n.kind)).toEqual(['encouragement']);
  });

  describe('encouragement', () => {
    it('comes after encouragementAfterSec of steady speech with nothing else said, and rotates its words', () => {
      const shown = run(new NudgeEngine(), speech(0, 130, NORMAL_WPM), range(0, 130, 0.5));
      expect(shown.map((n) => [n.kind, n.atSec])).toEqual([
        ['encouragement', 42],
        ['encouragement', 84],
        ['encouragement', 126],
      ]);
      expect(new Set(shown.map((n) => n.message)).size).toBe(3);
    });

    it('waits encouragementAfterSec after any other nudge, and never praises a problem', () => {
      const fastThenNormal = [...speech(0, 20, FAST_WPM), ...speech(20, 80, NORMAL_WPM)];
      const shown = run(new NudgeEngine(), fastThenNormal, range(0, 80, 0.5));
      const slowDown = shown.find((n) => n.kind === 'slow-down')!;
      const praise = shown.find((n) => n.kind === 'encouragement')!;
      expect(praise.atSec - slowDown.atSec).toBeGreaterThanOrEqual(
        DEFAULT_NUDGE_PARAMS.encouragementAfterSec,
      );
      expect(
        run(new NudgeEngine(), speech(0, 90, FAST_WPM), range(0, 90, 0.5)).some(
          (n) => n.kind === 'encouragement',
        ),
      ).toBe(false);
    });

    it('is off with encouragementAfterSec 0, and not given during a silence', () => {
      expect(
        run(new NudgeEngine({ encouragementAfterSec: 0 }), speech(0, 90, NORMAL_WPM), range(0, 90)),
      ).toEqual([]);
      const shown = run(
        new NudgeEngine({ encouragementAfterSec: 20, longSilenceSec: 100 }),
        speech(0, 15, NORMAL_WPM),
        range(0, 60),
      );
      expect(shown).toEqual([]);
    });
  });

  it('shows nothing at all when disabled', () => {
    const engine = new NudgeEngine({ enabled: false, targetSec: 30 });
    expect(run(engine, speech(0, 60, FAST_WPM, ['um']), range(0, 60, 0.5))).toEqual([]);
  });

  it('gives no nudge before there is enough speech', () => {
    const engine = new NudgeEngine();
    expect(run(engine, speech(0, 4, FAST_WPM), range(0, 4.5, 0.5))).toEqual([]);
    expect(new NudgeEngine().update({ nowSec: 30, committedWords: [] })).toBeNull();
  });

  it('asks to slow down once fast speech has held on two updates at least 2 s apart', () => {
    const engine = new NudgeEngine();
    const words = speech(0, 30, FAST_WPM);
    const at = (nowSec: number) =>
      engine.update({ nowSec, committedWords: words.filter((w) => w.endSec <= nowSec) });
    expect(at(6)).toBeNull(); // first seen
    expect(at(7)).toBeNull(); // only 1 s later
    expect(at(8)).toEqual({ kind: 'slow-down', message: 'Slow down a little', atSec: 8 });
  });

  it('starts the 2 s confirmation again when the condition breaks in between', () => {
    const engine = new NudgeEngine();
    const fast = speech(0, 30, FAST_WPM);
    const normal = speech(0, 30, NORMAL_WPM);
    const upTo = (words: Word[], nowSec: number) => words.filter((w) => w.endSec <= nowSec);
    expect(engine.update({ nowSec: 6, committedWords: upTo(fast, 6) })).toBeNull();
    expect(engine.update({ nowSec: 7, committedWords: upTo(normal, 7) })).toBeNull();
    expect(engine.update({ nowSec: 8, committedWords: upTo(fast, 8) })).toBeNull();
    expect(engine.update({ nowSec: 10, committedWords: upTo(fast, 10) })?.kind).toBe('slow-down');
  });

  it('asks to speed up when the pace drags', () => {
    const shown = run(new NudgeEngine(), speech(0, 30, SLOW_WPM), range(0, 30));
    expect(shown[0]).toMatchObject({ kind: 'speed-up', message: 'Pick up the pace a little' });
  });

  it('repeats the same kind no sooner than sameKindSpacingSec', () => {
    const shown = run(new NudgeEngine(), speech(0, 90, FAST_WPM), range(0, 90));
    expect(shown.map((n) => [n.kind, n.atSec])).toEqual([
      ['slow-down', 8],
      ['slow-down', 38],
      ['slow-down', 68],
    ]);
  });

  it('names the filler in a burst and puts it ahead of pace', () => {
    const words = speech(0, 30, withFillers(FAST_WPM, 6), ['I', 'um', 'think', 'it', 'was', 'fine']);
    // Start updating once both the burst and the fast pace hold, so both are confirmed at the same update.
    const shown = run(new NudgeEngine(), words, range(12, 30));
    expect(shown[0]).toMatchObject({
      kind: 'fewer-fillers',
      message: "Try a silent pause instead of 'um'",
      atSec: 14,
    });
    // The fast pace still gets its turn once minSpacingSec has passed.
    expect(shown[1]?.kind).toBe('slow-down');
    expect((shown[1]?.atSec ?? 0) - (shown[0]?.atSec ?? 0)).toBeGreaterThanOrEqual(10);
  });

  it('does not count fillers while the speaker is still warming up', () => {
    // Three fillers in the first two seconds, then none.
    const words = speech(0, 30, NORMAL_WPM).map((word, index) =>
      index < 4 && index !== 1 ? { ...word, text: 'um' } : word,
    );
    expect(run(new NudgeEngine(), words, range(0, 30))).toEqual([]);
    expect(run(new NudgeEngine({ fillerBurstWindowSec: 60 }), words, range(0, 30))).toEqual([]);
    const bursty = speech(0, 30, withFillers(NORMAL_WPM, 2), ['word', 'um']);
    const first = run(new NudgeEngine(), bursty, range(0, 30))[0];
    expect(first?.kind).toBe('fewer-fillers');
    expect(first?.atSec).toBeGreaterThanOrEqual(5);
  });

  it("names the speaker's most frequent filler", () => {
    const words = speech(0, 30, withFillers(NORMAL_WPM, 2), ['uh', 'word', 'um', 'word', 'uh', 'word']);
    const first = run(new NudgeEngine(), words, range(0, 30))[0];
    expect(first?.message).toBe("Try a silent pause instead of 'uh'");
  });

  it('needs fillerBurstCount fillers within the window', () => {
    // One "uh" every ~9 s: never three within 20 s.
    const words = speech(0, 60, NORMAL_WPM, ['uh', ...Array<string>(19).fill('word')]);
    expect(run(new NudgeEngine(), words, range(0, 60)).map((n) => n.kind)).not.toContain('fewer-fillers');
    const strict = new NudgeEngine({ fillerBurstCount: 2 });
    expect(run(strict, words, range(0, 60)).map((n) => n.kind)).toContain('fewer-fillers');
  });

  it('never shows two nudges within minSpacingSec', () => {
    const words = [
      ...speech(0, 20, FAST_WPM, ['so', 'um', 'like']),
      ...speech(40, 70, SLOW_WPM, ['uh', 'word']),
    ];
    const shown = run(new NudgeEngine({ targetSec: 75 }), words, range(0, 120, 0.5));
    expect(shown.length).toBeGreaterThan(2);
    for (let index = 1; index < shown.length; index += 1) {
      expect((shown[index]?.atSec ?? 0) - (shown[index - 1]?.atSec ?? 0)).toBeGreaterThanOrEqual(10);
    }
  });

  it('reassures once per silence after words were spoken', () => {
    const words = [...speech(0, 10, NORMAL_WPM), ...speech(50, 60, NORMAL_WPM)];
    const shown = run(new NudgeEngine({ encouragementAfterSec: 0 }), words, range(0, 100));
    const lastWordEnd = speech(0, 10, NORMAL_WPM).at(-1)?.endSec ?? 0;
    expect(shown).toEqual([
      {
        kind: 'long-pause',
        message: 'Take your time — carry on when ready',
        atSec: Math.ceil(lastWordEnd + 5) + 2,
      },
      expect.objectContaining({ kind: 'long-pause' }),
    ]);
    expect(shown[1]?.atSec).toBeGreaterThan(60);
  });

  describe('time nudges', () => {
    it('fire at once, exactly once each, without waiting for confirmation', () => {
      const engine = new NudgeEngine({ targetSec: 60 });
      const words = speech(0, 90, NORMAL_WPM);
      const shown = run(engine, words, range(0, 90, 0.5));
      expect(shown).toEqual([
        { kind: 'time-left', message: '30 seconds left', atSec: 30 },
        { kind: 'time-up', message: "Time's up — wrap up", atSec: 60 },
      ]);
    });

    it('win over everything else, and other nudges keep their priority order', () => {
      const words = speech(0, 40, withFillers(FAST_WPM, 2), ['um', 'word']);
      const shown = run(new NudgeEngine({ targetSec: 35 }), words, range(0, 40));
      // The filler burst and the fast pace are both pending at 15 s; fillers go first.
      expect(shown.map((n) => [n.kind, n.atSec])).toEqual([
        ['time-left', 5],
        ['fewer-fillers', 15],
        ['slow-down', 25],
        ['time-up', 35],
      ]);
    });

    it('are not delayed: other nudges make way when one is due within minSpacingSec', () => {
      const shown = run(new NudgeEngine({ targetSec: 45 }), speech(0, 50, FAST_WPM), range(0, 50));
      // Slow-down is confirmed at 8 s but would push the 15 s warning back, so it waits.
      expect(shown.map((n) => [n.kind, n.atSec])).toEqual([
        ['time-left', 15],
        ['slow-down', 25],
        ['time-up', 45],
      ]);
    });

    it('skip the warning when the first update is already past the target', () => {
      const engine = new NudgeEngine({ targetSec: 60 });
      expect(engine.update({ nowSec: 61, committedWords: [] })?.kind).toBe('time-up');
      expect(engine.update({ nowSec: 80, committedWords: [] })).toBeNull();
    });

    it('say the real time left when the first update comes after the warning time', () => {
      const engine = new NudgeEngine({ targetSec: 60 });
      expect(engine.update({ nowSec: 33.2, committedWords: [] })).toEqual({
        kind: 'time-left',
        message: '27 seconds left',
        atSec: 33.2,
      });
      expect(new NudgeEngine({ targetSec: 60 }).update({ nowSec: 59.5, committedWords: [] })?.message).toBe(
        '1 second left',
      );
    });

    it('do not warn when the target is too short for a 30 s warning', () => {
      const engine = new NudgeEngine({ targetSec: 20 });
      expect(run(engine, [], range(0, 25)).map((n) => n.kind)).toEqual(['time-up']);
    });
  });
});
