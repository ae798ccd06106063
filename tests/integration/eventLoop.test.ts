// Inference must never freeze the process that hosts the UI bridge: a full 30 s window on the real
// engine runs on the addon's worker thread while this event loop keeps turning.
import { describe, expect, inject, it } from 'vitest';
import { WhisperTranscriber } from '../../src/core/asr/whisperTranscriber';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { sharedAudio } from '../helpers/fixtures';

/**
 * Event-loop turns that must happen while one pass runs. A pass that held the loop would allow none; a
 * pass off the loop allows thousands, however loaded the machine (turns are counted, not timed).
 */
const MIN_TURNS = 100;

describe('whisper.cpp runs off the event loop', () => {
  it('keeps timers firing while a 30 s window is transcribed', async () => {
    const engine = await WhisperTranscriber.load(inject('syntheticModelPath'));
    try {
      const audio = readWav16kMono(sharedAudio('librivox_shakespeare_sonnet_001.wav')).samples.slice(
        0,
        30 * 16_000,
      );
      let turns = 0;
      let done = false;
      const pass = engine.transcribe(audio, { audioCtx: 1500, maxTokens: 8 }).finally(() => (done = true));
      // Spins the loop until the pass ends, or until enough turns have proved it free.
      await new Promise<void>((resolve) => {
        const turn = () => {
          if (done || turns >= MIN_TURNS) return resolve();
          turns++;
          setImmediate(turn);
        };
        turn();
      });
      expect(done).toBe(false);
      expect(turns).toBe(MIN_TURNS);
      const result = await pass;
      expect(result.computeMs).toBeGreaterThan(100);
    } finally {
      await engine.dispose();
    }
  });
});
