// An engine failure is an engine failure (issue #12): injected into the transcriber behind the real
// PracticeService, SQLite database and WAV writer. The answer is saved with its audio and the reason,
// never scored, never in the totals Trends draws, the engine status says so, and "Transcribe again"
// finishes it once the engine works.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AsrResult, TranscribeOptions, Transcriber } from '../../../src/core/asr/transcriber';
import { readWav16kMono } from '../../../src/core/audio/readWav';
import { PracticeService } from '../../../src/core/practice/practiceService';
import { toneFrame } from '../../helpers/fixtures';
import { practiceServiceWith } from '../../helpers/practiceHarness';

/** A word every 0.4 s while it works; every pass throws while `broken` (a fault, injected). */
class FlakyEngine implements Transcriber {
  broken = true;
  async transcribe(audio: Float32Array, _options: TranscribeOptions = {}): Promise<AsrResult> {
    await Promise.resolve();
    if (this.broken) throw new Error('whisper_full failed (-6)');
    const sec = audio.length / 16_000;
    const words = [];
    for (let t = 0.2; t + 0.3 <= sec; t += 0.4)
      words.push({ text: `w${Math.round(t * 10)}`, startSec: t, endSec: t + 0.3 });
    return { words, text: words.map((w) => w.text).join(' '), computeMs: 1 };
  }
  async dispose(): Promise<void> {}
}

const SECONDS = 12;
const frame = toneFrame;

function setup() {
  const flaky = new FlakyEngine();
  const harness = practiceServiceWith(flaky, { prefix: 'coach-enginefail-' });
  const { service } = harness;
  const record = async () => {
    const { sessionId, answerId } = await service.startAnswer({ questionId: 'q', questionText: 'Why us?' });
    for (let i = 0; i < SECONDS * 5; i++) {
      service.pushAudio(answerId, frame(i));
      await service.drain(answerId);
    }
    return { sessionId, answerId, result: await service.stopAnswer(answerId) };
  };
  return { ...harness, flaky, record };
}

describe('an engine that fails while transcribing', () => {
  it('saves the answer with its audio, marked not transcribed, unscored and out of every total', async () => {
    const t = setup();
    const { sessionId, answerId, result } = await t.record();

    expect(result.notTranscribed?.reason).toMatch(/^The speech engine failed: whisper_full failed \(-6\)/);
    expect(result.report.coaching).toBeNull();
    expect(result.words).toEqual([]);
    expect(result.report.durationSec).toBeCloseTo(SECONDS, 1);
    expect(existsSync(result.audioPath)).toBe(true);
    expect(readWav16kMono(result.audioPath).info.durationSec).toBeCloseTo(SECONDS, 1);
    // The header's engine status shows the failure.
    expect(t.engine.status).toMatchObject({ state: 'error', message: expect.stringMatching(/failed/) });

    const detail = t.service.getSession(sessionId);
    expect(detail.answers.map((a) => [a.answerId, a.notTranscribed?.reason])).toEqual([
      [answerId, result.notTranscribed!.reason],
    ]);
    expect(detail.sessionScore ?? null).toBeNull();
    const [summary] = t.service.listSessions();
    expect(summary).toMatchObject({ id: sessionId, answerCount: 0, score: null, fillerCount: 0 });
    // Trends draws sessions with transcribed answers only (answerCount > 0; trendsData.ts).
    t.db.close();
  });

  it('"Transcribe again" fails clearly while the engine is broken and finishes the answer once it works', async () => {
    const t = setup();
    const { sessionId, answerId } = await t.record();

    await expect(t.service.transcribeAgain(answerId)).rejects.toThrow(
      /speech engine failed: whisper_full failed.*recording is still saved/,
    );
    expect(t.service.getSession(sessionId).answers[0]!.notTranscribed).toBeDefined();

    t.flaky.broken = false;
    await t.engine.reload();
    expect(t.engine.status.state).toBe('ready');
    const again = await t.service.transcribeAgain(answerId);
    expect(again.notTranscribed).toBeUndefined();
    expect(again.words.length).toBeGreaterThan(20);
    expect(again.report.coaching?.score.total).toBeGreaterThan(0);
    expect(again.report.durationSec).toBeCloseTo(SECONDS, 1);
    expect(t.service.listSessions()[0]).toMatchObject({ id: sessionId, answerCount: 1 });
    await expect(t.service.transcribeAgain(answerId)).rejects.toThrow(/transcribed already/);
    t.db.close();
  });

  it('finishes an interrupted answer as not transcribed when the engine fails during recovery', async () => {
    const t = setup();
    t.flaky.broken = false;
    const { sessionId, answerId } = await t.service.startAnswer({ questionId: 'q', questionText: 'Why?' });
    for (let i = 0; i < 20; i++) {
      t.service.pushAudio(answerId, frame(i));
      await t.service.drain(answerId);
    }
    // The recording process dies: the answer stays "recording", claimed by a process that is gone.
    t.db.prepare('UPDATE answers SET recorder_pid = 999999999 WHERE id = ?').run(answerId);
    t.flaky.broken = true;
    const fresh = new PracticeService({
      paths: t.paths,
      repository: t.repository,
      engine: t.engine,
      liveWords: t.liveWords,
      events: { caption: () => {}, stats: () => {}, nudge: () => {}, answerError: () => {} },
    });
    const [recovered] = await fresh.recoverInterrupted();
    expect(recovered).toMatchObject({ answerId, sessionId, notTranscribed: { reason: expect.any(String) } });
    expect(recovered!.report.durationSec).toBeGreaterThan(3);
    expect(t.service.listSessions()[0]).toMatchObject({ answerCount: 0, score: null });
    await t.service.cancelAnswer(answerId).catch(() => undefined);
    t.db.close();
  });
});
