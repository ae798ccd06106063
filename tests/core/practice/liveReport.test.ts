// "Show the report with the live transcript now" (issue #15): while Stop's final pass runs, the answer's
// report is built from its live transcript by the same analysis as the saved one, and nothing of it is
// saved; the answer saved is the final one, or, when the final pass fails, one marked not transcribed.
// A fault-injected engine behind the real PracticeService, SQLite database and WAV writer.
import { describe, expect, it } from 'vitest';
import type { AsrResult, TranscribeOptions, Transcriber } from '../../../src/core/asr/transcriber';
import { UnknownAnswerError } from '../../../src/core/practice/practiceErrors';
import { toneFrame } from '../../helpers/fixtures';
import { practiceServiceWith } from '../../helpers/practiceHarness';

/**
 * A word every 0.4 s: "l…" from live passes, "f…" from final ones. Stop's final pass (thorough, on the
 * live lane) waits until the test lets it finish or fail, so the test sees the time in between.
 */
class HeldFinalPass implements Transcriber {
  private held: { release: () => void; fail: (e: Error) => void } | null = null;
  private heldSeen!: () => void;
  readonly finalPassHeld = new Promise<void>((resolve) => (this.heldSeen = resolve));

  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    const final = options.thorough === true;
    if (final && options.priority !== 'background') {
      await new Promise<void>((release, fail) => {
        this.held = { release, fail };
        this.heldSeen();
      });
    }
    const sec = audio.length / 16_000;
    const words = [];
    for (let t = 0.2; t + 0.3 <= sec; t += 0.4)
      words.push({ text: `${final ? 'f' : 'l'}${Math.round(t * 10)}`, startSec: t, endSec: t + 0.3 });
    return { words, text: words.map((w) => w.text).join(' '), computeMs: 1 };
  }
  release(): void {
    this.held!.release();
  }
  fail(message: string): void {
    this.held!.fail(new Error(message));
  }
  async dispose(): Promise<void> {}
}

const SECONDS = 8;

async function recordAndStop() {
  const transcriber = new HeldFinalPass();
  const { service, repository } = practiceServiceWith(transcriber, { prefix: 'coach-livereport-' });
  const { answerId } = await service.startAnswer({ questionId: 'q', questionText: 'Why us?' });
  for (let i = 0; i < SECONDS * 5; i++) {
    service.pushAudio(answerId, toneFrame(i));
    await service.drain(answerId);
  }
  await expect(service.liveReport(answerId)).rejects.toThrow(/still recording/);
  const stopped = service.stopAnswer(answerId);
  await transcriber.finalPassHeld;
  return { service, repository, transcriber, answerId, stopped };
}

describe('the live report while Stop finishes', () => {
  it('is the live transcript analysed by the report code, never saved; the saved answer is the final one', async () => {
    const { service, repository, transcriber, answerId, stopped } = await recordAndStop();

    const live = await service.liveReport(answerId);
    expect(live.words.length).toBeGreaterThan(5);
    expect(live.words.every((w) => w.text.startsWith('l'))).toBe(true);
    expect(live.text).toBe(live.words.map((w) => w.text).join(' '));
    expect(live.report.wordCount).toBe(live.words.length);
    expect(live.report.durationSec).toBeCloseTo(SECONDS, 1);
    expect(live.report.coaching).not.toBeNull();
    expect(live.questionText).toBe('Why us?');
    // Nothing of it reached the database: the answer is still being recorded there.
    expect(repository.getAnswer(answerId)?.words ?? []).toEqual([]);

    transcriber.release();
    const final = await stopped;
    expect(final.words.length).toBeGreaterThan(5);
    expect(final.words.every((w) => w.text.startsWith('f'))).toBe(true);
    expect(repository.getAnswer(answerId)!.words).toEqual(final.words);
    // Once Stop has returned there is only the saved answer.
    await expect(service.liveReport(answerId)).rejects.toBeInstanceOf(UnknownAnswerError);
  });

  it('when the final pass fails, the answer is saved not transcribed, never as the live report', async () => {
    const { service, repository, transcriber, answerId, stopped } = await recordAndStop();
    const live = await service.liveReport(answerId);
    expect(live.words.length).toBeGreaterThan(5);

    transcriber.fail('whisper_full failed (-6)');
    const final = await stopped;
    expect(final.notTranscribed?.reason).toMatch(/whisper_full failed/);
    const saved = repository.getAnswer(answerId)!;
    expect(saved.notTranscribed).toBeDefined();
    expect(saved.report.coaching).toBeNull();
    expect(saved.report.wordCount).toBe(0);
  });
});
