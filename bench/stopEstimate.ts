// Stop's time estimate against how long Stop really took (issue #15), with the real engine (synthetic
// model, Silero VAD) on five 30 s answers of one run fed in lock-step like bench:stop: the estimate the
// app shows at Stop (passCostEstimator.ts: from Stop's passes in the run's earlier answers, else from
// the background's), the passes' real time (Stop → the last progress report) and Stop's whole time
// (with the analysis and the save), and, for comparison, the oldest estimate (the last final pass's
// real-time factor times the audio left). Prints one line per answer; records nothing.
//
//   node bin/run-ts.mjs bench/stopEstimate.ts
import { EngineHost } from '../src/core/asr/engineHost';
import { LanedTranscriber } from '../src/core/asr/engineProcess/backgroundLane';
import { forkEngine } from '../src/core/asr/engineProcess/forkEngine';
import { ProcessTranscriber } from '../src/core/asr/engineProcess/processTranscriber';
import type { AsrResult, TranscribeOptions, Transcriber } from '../src/core/asr/transcriber';
import { float32ToPcm16 } from '../src/core/audio/pcm';
import { readWav16kMono } from '../src/core/audio/readWav';
import { dataPaths } from '../src/core/dataPaths';
import { PracticeService } from '../src/core/practice/practiceService';
import { openDatabase } from '../src/core/storage/database';
import { LiveWordStore } from '../src/core/storage/liveWordStore';
import { SessionRepository } from '../src/core/storage/sessionRepository';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SILERO_MODEL_PATH, SHARED_AUDIO_DIR } from '../scripts/sharedAssets';
const MODEL = process.env.COACH_WHISPER_MODEL ?? path.resolve('.cache/models/ggml-tiny.en-synthetic.bin');
let lastCostMsPerSec: number | null = null;
class Meter implements Transcriber {
  constructor(private readonly inner: Transcriber) {}
  async transcribe(audio: Float32Array, o: TranscribeOptions = {}): Promise<AsrResult> {
    const r = await this.inner.transcribe(audio, o);
    if (o.thorough) lastCostMsPerSec = r.computeMs / (audio.length / 16000);
    return r;
  }
  dispose() {
    return this.inner.dispose();
  }
}
const paths = dataPaths(mkdtempSync(path.join(os.tmpdir(), 'est-')));
const db = openDatabase(paths.dbPath);
const engine = new EngineHost({
  modelsDir: paths.modelsDir,
  modelPath: MODEL,
  vadModelPath: SILERO_MODEL_PATH,
  load: async (p) =>
    new Meter(
      new LanedTranscriber(await ProcessTranscriber.start(forkEngine, p), () =>
        ProcessTranscriber.start(forkEngine, p, {}, {}, 'live'),
      ),
    ),
});
let first: { remainingSec: number; estimateMs: number } | null = null;
let passesDoneAt = 0;
const service = new PracticeService({
  paths,
  repository: new SessionRepository(db),
  engine,
  liveWords: new LiveWordStore(db),
  restTimer: () => () => {},
  events: {
    caption: () => {},
    stats: () => {},
    nudge: () => {},
    answerError: () => {},
    finishing: (p) => {
      first ??= p;
      if (p.remainingSec === 0) passesDoneAt = performance.now();
    },
  },
});
await engine.transcriber();
const source = readWav16kMono(
  path.join(SHARED_AUDIO_DIR, 'librivox_shakespeare_sonnets_002_003_concat.wav'),
).samples;
for (const [i, lengthSec] of [30, 30, 30, 30, 30].entries()) {
  // Five different 30 s stretches of the 105 s reading.
  const offset = Math.round((i * 14.3 + 3) * 16000);
  const audio = source.subarray(offset, offset + lengthSec * 16000);
  const { answerId } = await service.startAnswer({
    questionId: 'q',
    questionText: 'Tell me about yourself.',
  });
  for (let at = 0; at < audio.length; at += 3200) {
    service.pushAudio(answerId, float32ToPcm16(audio.subarray(at, at + 3200)).buffer as ArrayBuffer);
    await service.settle(answerId);
  }
  first = null;
  const oldRate = lastCostMsPerSec ?? 150;
  const t0 = performance.now();
  await service.stopAnswer(answerId);
  const stopMs = performance.now() - t0;
  const passesMs = passesDoneAt - t0;
  const f = first as { remainingSec: number; estimateMs: number } | null;
  console.log(
    `run ${i + 1}: left ${f?.remainingSec.toFixed(1)} s; estimate ${f?.estimateMs.toFixed(0)} ms (oldest ${f ? (f.remainingSec * oldRate).toFixed(0) : '-'} ms); passes took ${passesMs.toFixed(0)} ms, Stop ${stopMs.toFixed(0)} ms; load ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join('/')}`,
  );
}
await engine.dispose();
