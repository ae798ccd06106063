// The mock interview's script (issue #16, item 8): the think-time countdown on a virtual clock, the
// follow-up that fits each kind of question, and what follows an answer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pickLocalVoice, speakQuestion } from '../../src/renderer/src/features/mock/interviewerVoice';
import {
  followUpFor,
  startCountdown,
  stepAfterAnswer,
} from '../../src/renderer/src/features/mock/mockScript';
import { QUESTION_KINDS } from '../../src/shared/domain';

describe('think-time countdown', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ticks 5, 4, 3, 2, 1 a second apart, then starts recording at 5 s exactly', () => {
    const ticks: number[] = [];
    const onDone = vi.fn();
    startCountdown(5, { onTick: (s) => ticks.push(s), onDone });
    expect(ticks).toEqual([5]);
    vi.advanceTimersByTime(999);
    expect(ticks).toEqual([5]);
    vi.advanceTimersByTime(1);
    expect(ticks).toEqual([5, 4]);
    vi.advanceTimersByTime(3000);
    expect(ticks).toEqual([5, 4, 3, 2, 1]);
    expect(onDone).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('keeps to the clock when a tick runs late, and stops when cancelled', () => {
    const ticks: number[] = [];
    const onDone = vi.fn();
    let now = 0;
    const timers = {
      setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
      clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    const cancel = startCountdown(3, { onTick: (s) => ticks.push(s), onDone }, timers, () => now);
    // The first second's tick comes 400 ms late: the next is still due at 2 s, not 2.4 s.
    now = 1400;
    vi.advanceTimersByTime(1000);
    expect(ticks).toEqual([3, 2]);
    vi.advanceTimersByTime(599);
    expect(ticks).toEqual([3, 2]);
    now = 2000;
    vi.advanceTimersByTime(1);
    expect(ticks).toEqual([3, 2, 1]);
    cancel();
    vi.advanceTimersByTime(10_000);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('with no think time, starts at once', () => {
    const onTick = vi.fn();
    const onDone = vi.fn();
    startCountdown(0, { onTick, onDone });
    expect(onTick).not.toHaveBeenCalled();
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

describe('follow-ups', () => {
  it('fit the kind of question', () => {
    expect(followUpFor('behavioural')).toMatch(/specific example/);
    expect(followUpFor('situational')).toMatch(/differently next time/);
    for (const kind of QUESTION_KINDS) expect(followUpFor(kind).endsWith('?')).toBe(true);
  });

  it('come once per question, only when they are on', () => {
    expect(stepAfterAnswer({ wasFollowUp: false, followUpsOn: true, kind: 'behavioural' })).toEqual({
      kind: 'follow-up',
      text: followUpFor('behavioural'),
    });
    expect(stepAfterAnswer({ wasFollowUp: true, followUpsOn: true, kind: 'behavioural' })).toEqual({
      kind: 'next-question',
    });
    expect(stepAfterAnswer({ wasFollowUp: false, followUpsOn: false, kind: 'situational' })).toEqual({
      kind: 'next-question',
    });
  });
});

describe('the interviewer’s voice', () => {
  const voice = (name: string, lang: string, localService: boolean, isDefault = false) =>
    ({ name, lang, localService, default: isDefault, voiceURI: name }) as SpeechSynthesisVoice;

  it('uses only a voice on this computer', () => {
    expect(pickLocalVoice([voice('Cloud', 'en-US', false)])).toBeNull();
    expect(pickLocalVoice([voice('Cloud', 'en-US', false), voice('espeak', 'en-GB', true)])?.name).toBe(
      'espeak',
    );
  });

  it('falls back to the text alone when there are no voices, without waiting for speech', async () => {
    const synth = {
      getVoices: () => [],
      speak: vi.fn(),
      cancel: vi.fn(),
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
    };
    vi.stubGlobal('SpeechSynthesisUtterance', class {});
    try {
      await expect(speakQuestion('Why this job?', synth)).resolves.toBe('text-only');
      expect(synth.speak).not.toHaveBeenCalled();
      await expect(speakQuestion('Why this job?', null)).resolves.toBe('text-only');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
