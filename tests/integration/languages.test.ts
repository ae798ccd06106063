// The language the user chose (or auto-detect) reaches whisper.cpp, in its own process, on every
// front door: the app's assembly (Electron main and `coach serve` share it), the server, and the CLI.
// A multilingual-shaped synthetic model answers with the language it decoded in: the one forced, or
// the one it detected under 'auto'.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCoachApp, type CoachApp } from '../../src/core/app/coachApp';
import { forkEngine } from '../../src/core/asr/engineProcess/forkEngine';
import { ProcessTranscriber } from '../../src/core/asr/engineProcess/processTranscriber';
import { float32ToPcm16 } from '../../src/core/audio/pcm';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { dataPaths } from '../../src/core/dataPaths';
import { SettingsStore } from '../../src/core/settings/settingsStore';
import { openCliApp } from '../../src/cli/openApp';
import { startCoachServer, type CoachServer } from '../../src/server/coachServer';
import { LANGUAGE_CODES } from '../../src/shared/modelsContract';
import { ensureSyntheticModel } from '../../scripts/makeSyntheticModel';
import { sharedAudio, tempDir } from '../helpers/fixtures';
import { RecordingTranscriber } from '../helpers/recordingTranscriber';

/** 2 s of speech and a small encoder context keep each pass cheap on a busy machine. */
const audio = readWav16kMono(sharedAudio('jfk.wav')).samples.slice(0, 2 * 16_000);
const CHEAP = { audioCtx: 250, maxTokens: 4 };

let model: string;
beforeAll(async () => {
  model = await ensureSyntheticModel({ arch: 'tiny' });
}, 300_000);

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

describe('the chosen language reaches the engine', () => {
  it('app: the language set in Settings, then auto-detect, on live and final passes of an answer', async () => {
    let recorder: RecordingTranscriber | undefined;
    const paths = dataPaths(tempDir());
    const coach: CoachApp = createCoachApp({
      paths,
      modelPath: model,
      log: () => {},
      events: { caption: () => {}, stats: () => {}, nudge: () => {}, answerError: () => {} },
      engine: {
        load: async (p) =>
          (recorder = new RecordingTranscriber(await ProcessTranscriber.start(forkEngine, p))),
      },
    });
    cleanup.push(() => coach.close());
    await coach.handlers['settings:update']({ speech: { language: 'de' } });
    const { answerId } = await coach.service.startAnswer({ questionId: 'q', questionText: 'Warum?' });
    for (let i = 0; i < audio.length; i += 3200) {
      coach.service.pushAudio(answerId, float32ToPcm16(audio.subarray(i, i + 3200)).buffer as ArrayBuffer);
      await coach.service.drain(answerId);
    }
    await coach.service.stopAnswer(answerId);
    const calls = recorder!.calls;
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.at(-1)!.options.thorough).toBe(true);
    for (const call of calls) {
      expect(call.options.language).toBe('de');
      if (call.result.language) expect(call.result.language).toBe('de');
    }
    expect(calls.at(-1)!.result.language).toBe('de');

    // A change applies from the next pass, without reloading the model.
    await coach.handlers['settings:update']({ speech: { language: 'auto' } });
    const engine = await coach.engine.transcriber();
    const detected = await engine.transcribe(audio, CHEAP);
    expect(recorder!.calls.at(-1)!.options.language).toBe('auto');
    expect(LANGUAGE_CODES).toContain(detected.language);
  }, 600_000);

  it('server: the language saved in the data folder is used by the server engine process', async () => {
    const paths = dataPaths(tempDir('coach-server-'));
    SettingsStore.inDataDir(paths.dataDir).update({ speech: { language: 'fr' } });
    const server: CoachServer = await startCoachServer({
      port: 0,
      token: 'test-token-0123456789abcdefghijklmn',
      staticDir: tempDir(),
      paths,
      modelPath: model,
      log: () => {},
    });
    cleanup.push(() => server.close());
    const engine = await server.engine.transcriber();
    expect(server.engine.engineProcessId).not.toBe(process.pid);
    expect((await engine.transcribe(audio, CHEAP)).language).toBe('fr');
  }, 300_000);

  it('CLI: --language wins over Settings; without it, the Settings language is used', async () => {
    const dataDir = tempDir();
    SettingsStore.inDataDir(dataDir).update({ speech: { language: 'es' } });
    const saved = process.env.COACH_DATA_DIR;
    process.env.COACH_DATA_DIR = dataDir;
    cleanup.push(async () => {
      if (saved === undefined) delete process.env.COACH_DATA_DIR;
      else process.env.COACH_DATA_DIR = saved;
    });
    for (const [flag, expected] of [
      ['it', 'it'],
      [undefined, 'es'],
    ] as const) {
      const coach = openCliApp({ modelPath: model, language: flag });
      try {
        const engine = await coach.engine.transcriber();
        expect((await engine.transcribe(audio, CHEAP)).language).toBe(expected);
      } finally {
        await coach.close();
      }
    }
  }, 300_000);
});
