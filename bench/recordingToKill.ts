// A recording in a process of its own, for the benchmarks: the app's own service and engine processes
// record an answer as if spoken, with the background lane keeping up (fed in lock-step, as in
// bench:stop). Then it prints "fed" and waits to be killed with SIGKILL mid-answer, before Stop (crash
// recovery, bench:stop); or, with --stop, stops the answer, prints "stopped <ms> peaks <MB> <MB>,<MB>"
// (Stop's time; the peak memory of this process and of each engine process) and exits (peak memory of
// a whole recording, bench/stopMemory.ts).
//
//   node bin/run-ts.mjs bench/recordingToKill.ts <data dir> <seconds> [--stop]
import { float32ToPcm16 } from '../src/core/audio/pcm';
import { readWav16kMono } from '../src/core/audio/readWav';
import { DEFAULT_STREAM_PARAMS } from '../src/core/streaming/streamParams';
import { benchService } from './benchService';
import { answerAudio, LOOPED_SOURCE_WAV } from './loopedAnswer';
import { childProcessIds, peakRssMb } from './processMemory';

const [dir, seconds] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const model = process.env.COACH_WHISPER_MODEL;
if (!dir || !seconds || !model) {
  console.error('usage: COACH_WHISPER_MODEL=<model> recordingToKill.ts <data dir> <seconds>');
  process.exit(2);
}
const FRAME = 3200;
const engineProcessIds = () => childProcessIds(process.pid, 'engineMain');
// Live steps every 6 s, as in bench:stop: it feeds faster than real time; utterances close as in the app.
const { service, engine, close } = benchService(dir, model, {
  streamParams: { ...DEFAULT_STREAM_PARAMS, minStepMs: 6000 },
  timers: 'none',
});
await engine.transcriber();
const audio = answerAudio(readWav16kMono(LOOPED_SOURCE_WAV).samples, Number(seconds), 0);
const { answerId } = await service.startAnswer({ questionId: 'q', questionText: 'Tell me about yourself.' });
for (let at = 0; at < audio.length; at += FRAME) {
  service.pushAudio(answerId, float32ToPcm16(audio.subarray(at, at + FRAME)).buffer as ArrayBuffer);
  await service.settle(answerId);
}
process.stdout.write('fed\n');
if (process.argv.includes('--stop')) {
  const started = performance.now();
  await service.stopAnswer(answerId);
  const stopMs = Math.round(performance.now() - started);
  // Peak resident memory of this process and of each engine process, read while they all still run.
  const engines = engineProcessIds().map(peakRssMb);
  process.stdout.write(`stopped ${stopMs} peaks ${peakRssMb(process.pid)} ${engines.join(',')}\n`);
  await close();
  process.exit(0);
}
// Killed here, as a power cut would: never stopped, never saved.
setInterval(() => {}, 60_000);
