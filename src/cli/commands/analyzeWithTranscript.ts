// `coach analyze <audio> --transcript <words.json>`: the full analysis of a recording with a word-timed
// transcript given rather than transcribed (a coach's corrected transcript, another recogniser's output).
// The audio still feeds every acoustic detector (filled pauses, voice); nothing is saved.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeAudioFile } from '../../core/audio/decodeFile';
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';
import { parseTranscriptJson } from '../../core/asr/transcriptImport';
import { computeAnswerReportWithAudio } from '../../core/coaching/answerReport';
import type { AnswerReport, Question, TargetLength, Word } from '../../shared/domain';

/**
 * Word times may run this far past the end of the audio (recognisers round up, decoders drop a partial
 * frame) before the transcript is judged to belong to another recording.
 */
export const TRANSCRIPT_OVERRUN_TOLERANCE_SEC = 0.5;

export type TranscriptAnalysis = {
  durationSec: number;
  text: string;
  words: Word[];
  report: AnswerReport;
};

/** Reads and checks a transcript file; every problem is a clear Error naming the file. */
export function readTranscriptFile(file: string): Word[] {
  let raw: string;
  try {
    if (statSync(file).size === 0) throw new Error('the file is empty');
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Could not read the transcript ${file}: ${describe(err)}`);
  }
  if (raw.trim() === '') throw new Error(`The transcript ${file} is empty`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new Error(`The transcript ${file} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return parseTranscriptJson(json);
  } catch (err) {
    throw new Error(`The transcript ${file} is not a word-timed transcript: ${(err as Error).message}`);
  }
}

/** A transcript whose words run past the recording belongs to another recording (or another clock). */
export function checkTranscriptFitsAudio(words: readonly Word[], audioSec: number, file: string): void {
  if (words.length === 0) throw new Error(`The transcript ${file} has no words`);
  const lastEndSec = Math.max(...words.map((w) => w.endSec));
  if (lastEndSec > audioSec + TRANSCRIPT_OVERRUN_TOLERANCE_SEC) {
    throw new Error(
      `The transcript ${file} runs to ${lastEndSec.toFixed(1)} s but the recording is only ${audioSec.toFixed(1)} s long: ` +
        'is it the transcript of this recording? (Times must be seconds from the start of the audio.)',
    );
  }
}

export async function analyzeAudioWithTranscript(options: {
  audioFile: string;
  transcriptFile: string;
  question: Question | null;
  target: TargetLength;
}): Promise<TranscriptAnalysis> {
  // The transcript is checked first: it is cheap, and a bad one should not wait for the audio to decode.
  const words = readTranscriptFile(options.transcriptFile);
  const samples = await decodeAudioFile(options.audioFile);
  const durationSec = samples.length / SAMPLE_RATE_HZ;
  if (durationSec === 0) throw new Error(`The recording ${options.audioFile} holds no audio`);
  checkTranscriptFitsAudio(words, durationSec, path.basename(options.transcriptFile));
  const report = await computeAnswerReportWithAudio(samples, {
    words,
    durationSec,
    question: options.question,
    target: options.target,
  });
  return {
    durationSec,
    text: words.map((w) => w.text).join(' '),
    words,
    report,
  };
}

const describe = (err: unknown): string =>
  (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
