// "Keep no history" (issue #16, item 10) on the real engine: jfk.wav through the whole practice path with
// the synthetic model. The live captions and the analysed result arrive as usual, but nothing reaches
// the data folder at any moment: no session or answer rows, no WAV, no crash-recovery live words.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCoachApp, type CoachApp } from '../../src/core/app/coachApp';
import { float32ToPcm16 } from '../../src/core/audio/pcm';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { dataPaths } from '../../src/core/dataPaths';
import type { AnswerResult, CaptionUpdate } from '../../src/shared/domain';
import { filesUnder, sharedAudio, tempDir } from '../helpers/fixtures';

const FRAME = 3200; // 200 ms

describe('keep no history, on the real engine', () => {
  const paths = dataPaths(tempDir('coach-nohistory-'));
  const captions: CaptionUpdate[] = [];
  let app: CoachApp;
  let result: AnswerResult;
  let audioFilesWhileRecording: string[] = [];
  let liveWordsWhileRecording = 0;
  let sessionsWhileRecording = 0;

  beforeAll(async () => {
    app = createCoachApp({
      paths,
      modelPath: inject('syntheticModelPath'),
      log: () => {},
      events: { caption: (u) => captions.push(u), stats: () => {}, nudge: () => {}, answerError: () => {} },
    });
    await app.recovery;
    const { samples } = readWav16kMono(sharedAudio('jfk.wav'));
    const { answerId } = await app.handlers['answer:start']({
      questionId: 'mot-about-you',
      questionText: 'Tell me about yourself.',
      sampleRateHz: 16_000,
      keepNoHistory: true,
    });
    for (let i = 0; i < samples.length; i += FRAME) {
      app.sendHandlers['audio:chunk'](
        answerId,
        float32ToPcm16(samples.subarray(i, i + FRAME)).buffer as ArrayBuffer,
      );
      await app.service.drain(answerId);
    }
    // Mid-answer, as a crash would find it.
    audioFilesWhileRecording = filesUnder(paths.audioDir);
    liveWordsWhileRecording = app.storage.liveWords.findInterrupted().length;
    sessionsWhileRecording = app.service.listSessions().length;
    result = await app.handlers['answer:stop'](answerId);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the live captions and returns the analysed result', () => {
    expect(captions.length).toBeGreaterThan(0);
    expect(result.report.durationSec).toBeGreaterThan(10);
    expect(result.report.coaching?.score.total).toBeTypeOf('number');
    expect(result.audioPath).toBe('');
  });

  it('writes nothing: no recording, no rows, no live words, during the answer or after', async () => {
    expect(audioFilesWhileRecording).toEqual([]);
    expect(liveWordsWhileRecording).toBe(0);
    expect(sessionsWhileRecording).toBe(0);
    expect(filesUnder(paths.audioDir)).toEqual([]);
    expect(app.service.listSessions()).toEqual([]);
    expect(await app.service.recoverInterrupted()).toEqual([]);
    // No table holds any of the answer's words.
    const words = result.words.map((w) => w.text.toLowerCase()).filter((w) => w.length > 3);
    const db = new Database(paths.dbPath, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[];
      for (const { name } of tables) {
        const rows = JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()).toLowerCase();
        for (const w of words) expect(rows, `${w} in table ${name}`).not.toContain(w);
      }
    } finally {
      db.close();
    }
  });

  it('cancels an answer without leaving anything either', async () => {
    const { answerId } = await app.handlers['answer:start']({
      questionId: 'mot-about-you',
      questionText: 'Tell me about yourself.',
      sampleRateHz: 16_000,
      keepNoHistory: true,
    });
    app.sendHandlers['audio:chunk'](answerId, new ArrayBuffer(FRAME * 2));
    await app.handlers['answer:cancel'](answerId);
    expect(filesUnder(paths.audioDir)).toEqual([]);
    expect(app.service.listSessions()).toEqual([]);
  });
});
