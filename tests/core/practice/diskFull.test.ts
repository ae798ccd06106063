// A disk that fills up during a live answer, through the real PracticeService, SQLite database and WAV
// writer: ENOSPC injected into the recording file, and a real SQLITE_FULL (the database is capped at
// its current size). The user is told "the disk is full", nothing already saved is lost, and the
// answer is finished from what reached the disk once there is space again.
import { describe, expect, inject, it } from 'vitest';
import { EngineHost } from '../../../src/core/asr/engineHost';
import type { AsrResult, TranscribeOptions, Transcriber } from '../../../src/core/asr/transcriber';
import { readWav16kMono } from '../../../src/core/audio/readWav';
import { WavWriter } from '../../../src/core/audio/wavWriter';
import { dataPaths } from '../../../src/core/dataPaths';
import { openDatabase } from '../../../src/core/storage/database';
import { LiveWordStore } from '../../../src/core/storage/liveWordStore';
import { PracticeService } from '../../../src/core/practice/practiceService';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import { tempDir, toneFrame } from '../../helpers/fixtures';

/** A steady speaker: a word every 0.4 s of audio, the same in every pass, so live words commit. */
class SteadyTranscriber implements Transcriber {
  async transcribe(audio: Float32Array, _options: TranscribeOptions = {}): Promise<AsrResult> {
    const sec = audio.length / 16_000;
    const words = [];
    for (let t = 0.2; t + 0.3 <= sec; t += 0.4)
      words.push({ text: `w${Math.round(t * 10)}`, startSec: t, endSec: t + 0.3 });
    await Promise.resolve();
    return { words, text: words.map((w) => w.text).join(' '), computeMs: 1 };
  }
  async dispose(): Promise<void> {}
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
const frame = toneFrame;

function setup() {
  const paths = dataPaths(tempDir('coach-diskfull-'));
  const db = openDatabase(paths.dbPath);
  const repository = new SessionRepository(db);
  const liveWords = new LiveWordStore(db);
  const errors: string[] = [];
  const disk = { full: false };
  const engine = new EngineHost({
    modelsDir: paths.modelsDir,
    modelPath: inject('syntheticModelPath'),
    load: async () => new SteadyTranscriber(),
  });
  const newService = () =>
    new PracticeService({
      paths,
      repository,
      engine,
      liveWords,
      events: {
        caption: () => undefined,
        stats: () => undefined,
        nudge: () => undefined,
        answerError: (e) => errors.push(e.message),
      },
      // The real writer, behind a disk that can fill up.
      openWav: (p) => {
        const wav = new WavWriter(p);
        return {
          append: (pcm16) => {
            if (disk.full) throw enospc();
            wav.append(pcm16);
          },
          close: () => {
            if (disk.full) throw enospc();
            wav.close();
          },
        };
      },
    });
  const service = newService();
  /** Caps SQLite at its current size and fills what is left: the next write fails with SQLITE_FULL. */
  const fillDisk = () => {
    disk.full = true;
    db.exec('CREATE TABLE filler (b BLOB)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    for (const size of [4000, 500, 50, 1]) {
      try {
        for (;;) db.prepare('INSERT INTO filler VALUES (randomblob(?))').run(size);
      } catch (err) {
        expect((err as { code?: string }).code).toBe('SQLITE_FULL');
      }
    }
  };
  const freeDisk = () => {
    disk.full = false;
    db.pragma('max_page_count = 1073741823');
    db.exec('DROP TABLE filler');
  };
  return { db, repository, liveWords, service, newService, engine, errors, fillDisk, freeDisk };
}

async function speak(service: PracticeService, answerId: string, from: number, frames: number) {
  for (let i = from; i < from + frames; i++) {
    service.pushAudio(answerId, frame(i));
    await service.drain(answerId);
  }
}

describe('a full disk during a live answer', () => {
  it('says the disk is full, keeps saved sessions and committed words, and recovers the answer later', async () => {
    const { db, repository, liveWords, service, newService, engine, errors, fillDisk, freeDisk } = setup();

    // An earlier answer, saved before the disk filled.
    const first = await service.startAnswer({ questionId: 'q1', questionText: 'Why this job?' });
    await speak(service, first.answerId, 0, 15);
    const saved = await service.stopAnswer(first.answerId);
    expect(saved.words.length).toBeGreaterThan(0);

    // The next answer: three seconds reach the disk, then it fills up.
    const second = await service.startAnswer({ questionId: 'q2', questionText: 'Your biggest mistake?' });
    await speak(service, second.answerId, 0, 15);
    const committedBefore = liveWords.words(second.answerId);
    expect(committedBefore.length).toBeGreaterThan(0);
    fillDisk();
    // A minute more: more committed words than the free room left in the live-words table's last page.
    for (let i = 15; i < 15 + 300; i++) {
      service.pushAudio(second.answerId, frame(i));
      await service.drain(second.answerId);
    }
    expect(errors).toContain(
      'Could not save the recording to disk (the disk is full). Keep going: your transcript and scores will still be saved.',
    );
    expect(errors).toContain(
      'Could not save the live transcript (the disk is full). Keep going: the answer is still being transcribed.',
    );
    // Each problem is reported once, not once per frame.
    expect(errors.filter((e) => e.startsWith('Could not save the recording'))).toHaveLength(1);
    expect(errors.filter((e) => e.startsWith('Could not save the live transcript'))).toHaveLength(1);

    await expect(service.stopAnswer(second.answerId)).rejects.toThrow(
      'Could not save this answer: the disk is full. Your transcript is kept: free some disk space, then press Save again. (If you quit first, the answer is finished from its recording the next time Interview Coach starts.)',
    );

    // Space again: nothing that was saved is lost.
    freeDisk();
    const earlier = service.getSession(first.sessionId);
    expect(earlier.answers.map((a) => a.words)).toEqual([saved.words]);
    expect(liveWords.words(second.answerId).slice(0, committedBefore.length)).toEqual(committedBefore);
    expect(repository.getAnswer(second.answerId)).toBeFalsy();
    expect(liveWords.findInterrupted(() => false).map((a) => a.id)).toEqual([second.answerId]);

    // The next start (another process: the recorder is gone) finishes it from the 3 s on disk.
    const liveAfterAudio = liveWords.words(second.answerId).filter((w) => w.startSec >= 3);
    db.prepare('UPDATE answers SET recorder_pid = NULL WHERE id = ?').run(second.answerId);
    // The user quit instead of pressing Save again: the next start is another process.
    const [recovered] = await newService().recoverInterrupted();
    expect(recovered).toMatchObject({ answerId: second.answerId, sessionId: second.sessionId });
    expect(readWav16kMono(recovered!.audioPath).info.durationSec).toBeCloseTo(3, 1);
    // The words committed live after the recording file stopped growing are kept too.
    expect(liveAfterAudio.length).toBeGreaterThan(20);
    expect(recovered!.words.slice(-liveAfterAudio.length)).toEqual(liveAfterAudio);
    expect(recovered!.report.durationSec).toBeCloseTo(liveAfterAudio.at(-1)!.endSec, 1);
    expect(
      service
        .listSessions()
        .map((s) => s.id)
        .sort(),
    ).toEqual([first.sessionId, second.sessionId].sort());
    await engine.dispose();
    db.close();
  });
});

describe('Save again after a full disk at Stop', () => {
  it('keeps the final transcript in memory and saves it once there is space', async () => {
    const { db, repository, liveWords, service, engine, fillDisk, freeDisk } = setup();
    const started = await service.startAnswer({ questionId: 'q1', questionText: 'Why this job?' });
    // Three seconds reach the disk, then a minute more is only in memory.
    await speak(service, started.answerId, 0, 15);
    fillDisk();
    await speak(service, started.answerId, 15, 300);

    const notSaved =
      'Could not save this answer: the disk is full. Your transcript is kept: free some disk space, then press Save again.';
    await expect(service.stopAnswer(started.answerId)).rejects.toThrow(notSaved);
    expect(service.isRecording()).toBe(false);
    // Its session cannot be deleted while the answer waits to be saved.
    expect(service.isRecordingIn(started.sessionId)).toBe(true);
    // Recovery (another window's start, `coach recover`) leaves it to Save again.
    expect(await service.recoverInterrupted()).toEqual([]);
    // Still full: it stays kept, and the user is told the same.
    await expect(service.retrySave(started.answerId)).rejects.toThrow(notSaved);

    freeDisk();
    const saved = await service.retrySave(started.answerId);
    expect(saved).toMatchObject({ answerId: started.answerId, sessionId: started.sessionId });
    // Final text for all 63 seconds (a word every 0.4 s, less one at each utterance's seam, where this
    // fake engine starts its words 0.2 s in), not only the three seconds that reached the disk.
    expect(saved.words.at(-1)!.endSec).toBeGreaterThan(62);
    expect(saved.words.length).toBeGreaterThan(140);
    expect(saved.report.durationSec).toBeCloseTo(63, 1);
    expect(repository.getAnswer(started.answerId)?.words).toEqual(saved.words);
    expect(liveWords.findInterrupted(() => false)).toEqual([]);
    expect(service.isRecordingIn(started.sessionId)).toBe(false);
    await expect(service.retrySave(started.answerId)).rejects.toThrow(/No unsaved answer/);
    await engine.dispose();
    db.close();
  });
});
