// Practice → Import a recording (issue #16, item 6) on the real engine: a compressed recording made from
// jfk.wav is decoded by ffmpeg and analysed through the live pipeline with the synthetic model, with
// progress from the position fed; bad files and Cancel leave nothing saved.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCoachApp, type CoachApp } from '../../src/core/app/coachApp';
import { ffmpegPath } from '../../src/core/audio/decodeFile';
import { dataPaths } from '../../src/core/dataPaths';
import type { ImportProgress } from '../../src/shared/ipcContract';
import { filesUnder, sharedAudio, tempDir } from '../helpers/fixtures';

const QUESTION = { questionId: 'mot-about-you', questionText: 'Tell me about yourself.' };
const IMPORT_A = '5b0f6f0e-8a53-4f57-9a57-2f5d0c1b7a01';
const IMPORT_B = '5b0f6f0e-8a53-4f57-9a57-2f5d0c1b7a02';
const IMPORT_C = '5b0f6f0e-8a53-4f57-9a57-2f5d0c1b7a03';
const IMPORT_D = '5b0f6f0e-8a53-4f57-9a57-2f5d0c1b7a04';

/** This process's live ffmpeg children, from /proc (zombies already reaped are gone). */
function ffmpegChildren(): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [, comm = '', rest = ''] = /\((.*)\) (.*)/.exec(stat) ?? [];
        const [state, ppid] = rest.split(' ');
        return comm === 'ffmpeg' && Number(ppid) === process.pid && state !== 'Z' ? [pid] : [];
      } catch {
        return [];
      }
    });
}

describe('importing a recording, on the real engine', () => {
  const work = tempDir('coach-import-files-');
  const paths = dataPaths(tempDir('coach-import-'));
  const progress: ImportProgress[] = [];
  let app: CoachApp;
  const ogg = path.join(work, 'answer.ogg');
  const notAudio = path.join(work, 'notes.mp3');

  beforeAll(async () => {
    execFileSync(ffmpegPath(), ['-v', 'error', '-i', sharedAudio('jfk.wav'), '-c:a', 'libvorbis', ogg]);
    writeFileSync(notAudio, 'These are my notes for the interview, not a recording.\n'.repeat(50));
    app = createCoachApp({
      paths,
      modelPath: inject('syntheticModelPath'),
      log: () => {},
      events: { caption: () => {}, stats: () => {}, nudge: () => {}, answerError: () => {} },
    });
    app.imports.onProgress((p) => progress.push(p));
    await app.recovery;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses a file that is not a recording, by name, and saves nothing', async () => {
    await expect(
      app.handlers['recording:import']({
        importId: IMPORT_A,
        fileName: 'notes.mp3',
        filePath: notAudio,
        ...QUESTION,
      }),
    ).rejects.toThrow('“notes.mp3” is not a recording Interview Coach can read');
    expect(app.service.listSessions()).toEqual([]);
    expect(filesUnder(paths.audioDir)).toEqual([]);
  });

  it('stops on Cancel mid-way, and saves nothing', async () => {
    const stop = app.imports.onProgress((p) => {
      if (p.importId === IMPORT_B && p.stage === 'transcribing' && p.fraction > 0.2) {
        void app.handlers['recording:cancel-import'](IMPORT_B);
      }
    });
    try {
      await expect(
        app.handlers['recording:import']({
          importId: IMPORT_B,
          fileName: 'answer.ogg',
          filePath: ogg,
          ...QUESTION,
        }),
      ).rejects.toThrow('Import cancelled');
    } finally {
      stop();
    }
    const mine = progress.filter((p) => p.importId === IMPORT_B);
    expect(Math.max(...mine.map((p) => p.fraction))).toBeLessThan(0.9);
    // The decoder stopped with it: an ffmpeg left blocked on its pipe kept `coach serve` from exiting.
    await expect.poll(ffmpegChildren, { timeout: 10_000 }).toEqual([]);
    expect(app.service.listSessions()).toEqual([]);
    expect(filesUnder(paths.audioDir)).toEqual([]);
    // A Cancel that reaches the app before its import starts (a browser upload finishing) holds too.
    await app.handlers['recording:cancel-import'](IMPORT_C);
    await expect(
      app.handlers['recording:import']({
        importId: IMPORT_C,
        fileName: 'answer.ogg',
        filePath: ogg,
        ...QUESTION,
      }),
    ).rejects.toThrow('Import cancelled');
    expect(app.service.listSessions()).toEqual([]);
  });

  it('analyses a compressed recording as an answer, with progress from the position transcribed', async () => {
    const result = await app.handlers['recording:import']({
      importId: IMPORT_D,
      fileName: 'answer.ogg',
      filePath: ogg,
      ...QUESTION,
    });
    expect(result.questionText).toBe(QUESTION.questionText);
    expect(result.report.durationSec).toBeGreaterThan(10.5);
    expect(result.report.coaching?.score.total).toBeTypeOf('number');
    const sessions = app.service.listSessions();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.answerCount).toBe(1);
    expect(filesUnder(paths.audioDir)).toHaveLength(1);

    const mine = progress.filter((p) => p.importId === IMPORT_D);
    const transcribing = mine.filter((p) => p.stage === 'transcribing');
    // One report per 200 ms frame fed, each further along the file than the last.
    expect(transcribing.length).toBeGreaterThan(40);
    for (let i = 1; i < transcribing.length; i++) {
      expect(transcribing[i]!.processedSec!).toBeGreaterThan(transcribing[i - 1]!.processedSec!);
      expect(transcribing[i]!.fraction).toBeGreaterThanOrEqual(transcribing[i - 1]!.fraction);
    }
    expect(transcribing.at(-1)!.durationSec).toBeCloseTo(11, 0);
    expect(mine.map((p) => p.stage)).toContain('finishing');
    expect(mine.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
  });
});
