// Final text is saved utterance by utterance while the answer goes on, so an answer interrupted after
// a minute keeps the final text it had and recovery transcribes only what came after it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AsrResult, TranscribeOptions, Transcriber } from '../../../src/core/asr/transcriber';
import { float32ToPcm16, toFloat32 } from '../../../src/core/audio/pcm';
import { trackPitch } from '../../../src/core/coaching/pitchTracker';
import { finishFromDisk } from '../../../src/core/practice/crashRecovery';
import { pitchTrackPathFor, readPitchTrackFile } from '../../../src/core/storage/pitchTrackFile';
import { DEFAULT_STREAM_PARAMS } from '../../../src/core/streaming/streamParams';
import { practiceServiceWith } from '../../helpers/practiceHarness';

/** Sentences of six words (0.4 s apart) with a second's pause between them, wherever its audio starts. */
class SentencesTranscriber implements Transcriber {
  readonly calls: { audioSec: number; options: TranscribeOptions }[] = [];
  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    const sec = audio.length / 16_000;
    this.calls.push({ audioSec: sec, options });
    const words = [];
    for (let t = 0.2, i = 0; t + 0.3 <= sec; i++, t += i % 6 === 0 ? 1.4 : 0.4)
      words.push({ text: `w${i}`, startSec: t, endSec: t + 0.3 });
    await Promise.resolve();
    return { words, text: words.map((w) => w.text).join(' '), computeMs: 1 };
  }
  async dispose(): Promise<void> {}
}

describe('final text saved during the answer', () => {
  it('survives an interruption: recovery transcribes only the audio after the last final utterance', async () => {
    const transcriber = new SentencesTranscriber();
    const { service, liveWords, engine, db } = practiceServiceWith(transcriber, {
      prefix: 'coach-finaltext-',
      restTimer: () => () => {},
    });
    const { answerId } = await service.startAnswer({ questionId: 'q', questionText: 'Why this job?' });
    const frame = float32ToPcm16(new Float32Array(3200).fill(0.05)).buffer as ArrayBuffer;
    for (let i = 0; i < 300; i++) {
      service.pushAudio(answerId, frame.slice(0));
      await service.settle(answerId);
    }
    // The process dies here: no Stop. What it saved is all recovery has.
    const saved = liveWords.finals(answerId);
    expect(saved.length).toBeGreaterThan(3);
    const finalUntilSec = saved.at(-1)!.endSec;
    expect(finalUntilSec).toBeGreaterThan(40);
    saved.forEach((u, i) => i > 0 && expect(u.startSec).toBeCloseTo(saved[i - 1]!.endSec, 6));

    const [lost] = liveWords.findInterrupted(() => false);
    // The pitch frames computed while recording are on disk too: recovery does not redo a minute of them.
    const pitchFile = pitchTrackPathFor(lost!.audioPath);
    expect(readPitchTrackFile(pitchFile).length).toBeGreaterThan(5900);
    const before = transcriber.calls.length;
    const finished = await finishFromDisk(lost!, {
      liveWords,
      engine,
      streamParams: DEFAULT_STREAM_PARAMS,
    });
    const recoveryCalls = transcriber.calls.slice(before);
    // One pass over the unfinished tail, not the minute of audio.
    expect(recoveryCalls).toHaveLength(1);
    expect(recoveryCalls[0]!.audioSec).toBeCloseTo(60 - finalUntilSec, 1);
    expect(finished.durationSec).toBeCloseTo(60, 1);
    const kept = saved.flatMap((u) => u.words);
    expect(finished.words.slice(0, kept.length)).toEqual(kept);
    expect(finished.words.length).toBeGreaterThan(kept.length);
    expect(finished.words.at(-1)!.endSec).toBeLessThanOrEqual(60);
    expect(finished.pitch).toEqual(trackPitch(toFloat32(finished.audio)));
    await service.cancelAnswer(answerId);
    expect(existsSync(pitchFile)).toBe(false);
    await engine.dispose();
    db.close();
  });

  it('a saved answer leaves no pitch file behind, only its recording', async () => {
    const { service, paths, engine, db } = practiceServiceWith(new SentencesTranscriber(), {
      prefix: 'coach-finaltext-',
      restTimer: () => () => {},
    });
    const { sessionId, answerId } = await service.startAnswer({ questionId: 'q', questionText: 'Why?' });
    const frame = float32ToPcm16(new Float32Array(3200).fill(0.05)).buffer as ArrayBuffer;
    for (let i = 0; i < 20; i++) {
      service.pushAudio(answerId, frame.slice(0));
      await service.settle(answerId);
    }
    const dir = path.join(paths.audioDir, sessionId);
    expect(readdirSync(dir).sort()).toEqual([`${answerId}.pitch`, `${answerId}.wav`]);
    await service.stopAnswer(answerId);
    expect(readdirSync(dir)).toEqual([`${answerId}.wav`]);
    await engine.dispose();
    db.close();
  });
});
