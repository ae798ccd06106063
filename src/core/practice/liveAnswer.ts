// One answer being recorded: PCM in, live captions/stats/nudges out, audio on disk as it arrives, and
// final-quality text for each utterance as it closes, so Stop only transcribes the last one. Data flows
// one way: pcm → transcriber → scorer.
import type { Word } from '../../shared/domain';
import { Pcm16Buffer, pcm16ToFloat32, samplesToSec, secToSamples } from '../audio/pcm';
import { PitchTrackBuilder, type PitchTrack } from '../coaching/pitchTracker';
import { WavWriter } from '../audio/wavWriter';
import { describeFsError } from '../fsErrors';
import { TranscriptionAbortedError, type Transcriber } from '../asr/transcriber';
import { NudgeEngine, type NudgeParams } from '../coaching/nudges';
import { readLive } from '../coaching/liveReading';
import { findLongPauses, LONG_PAUSE_SEC } from '../coaching/pauses';
import { OnlineTranscriber } from '../streaming/onlineTranscriber';
import { SpeechGate } from '../streaming/speechGate';
import type { SileroModel } from '../vad/sileroModel';
import { SileroVad } from '../vad/sileroVad';
import type { PitchTrackAppender } from '../storage/pitchTrackFile';
import type { FinalPassCosts } from '../streaming/passCostEstimator';
import { DEFAULT_STREAM_PARAMS, type StreamParams } from '../streaming/streamParams';
import { quietClose, UtteranceFinalizer } from '../streaming/utteranceFinalizer';
import type { LiveAnswerEvents } from './liveAnswerEvents';
import { wallClockRest, type RestTimer } from './restTimer';

export type LiveAnswerOptions = {
  answerId: string;
  transcriber: Transcriber;
  wavPath: string;
  events: LiveAnswerEvents;
  streamParams?: StreamParams;
  nudgeParams?: Partial<NudgeParams>;
  /** Silero VAD weights; with them silence skips the engine and utterance ends commit at once. */
  speechModel?: SileroModel | null;
  /** Opens the audio file; injectable so tests can simulate a disk that fills up mid-answer. */
  openWav?: (path: string) => WavSink;
  /**
   * Calls `onRested` after `ms` of wall time and returns a cancel function. Callers that feed audio
   * faster than real time in lock-step with drain() may pass one that never fires: audio is their clock.
   */
  restTimer?: RestTimer;
  /** Final-pass timings shared by the run's answers, so Stop's estimate starts from this machine's. */
  passCosts?: FinalPassCosts;
  /** Receives the pitch frames as they are computed, for crash recovery (none: keep no history). */
  pitchFile?: PitchTrackAppender | null;
};

export type WavSink = { append(pcm16: Int16Array): void; close(): void };

export type FinishedAnswer = {
  durationSec: number;
  /** The final passes' words, or the live words if a final pass failed. */
  words: Word[];
  finalPassError?: string;
  /** The whole answer's 16 kHz audio as it arrived (16-bit), for the voice analysis. */
  audio: Int16Array;
  /** Its pitch track, built while recording. */
  pitch: PitchTrack;
};

/** What one live answer holds right now, for monitoring (the soak benchmark); read-only. */
export type LiveAnswerSnapshot = {
  answerId: string;
  state: 'recording' | 'stopping' | 'done';
  /** Audio received so far, all of it kept in memory for the final pass. */
  receivedSec: number;
  /** Memory allocated for that audio, in seconds of samples (the buffer grows by doubling). */
  bufferedCapacitySec: number;
  /** Audio received but not yet seen by a live step. */
  pendingSec: number;
  /** Audio in the sliding window, re-transcribed by each step. */
  windowSec: number;
  committedWords: number;
  tentativeWords: number;
  /** True while a live step is running. */
  stepping: boolean;
};

export class LiveAnswer {
  private readonly online: OnlineTranscriber;
  private readonly wav: WavSink;
  private wavFailed = false;
  /**
   * The whole answer, for the final passes and the analysis at Stop; it grows in place up to two hours,
   * then moves once. Kept as it arrives, 16-bit: a 10-minute answer holds 19 MB, not 38 (issue #15).
   */
  private readonly allAudio = new Pcm16Buffer(2 * 60 * 60);
  private readonly nudges: NudgeEngine;
  private readonly params: StreamParams;
  private readonly finalizer: UtteranceFinalizer;
  private readonly pitch = new PitchTrackBuilder();
  private utteranceEndsSeen = 0;
  /** Pitch frames handed to the pitch file so far. */
  private pitchFramesKept = 0;
  private stepping: Promise<void> | null = null;
  /** Set once the engine has idled restAfterPassMs since the last pass, whether or not audio kept coming. */
  private rested = false;
  private cancelRest: (() => void) | null = null;
  /** Aborts the live pass in flight when Stop or Cancel makes it pointless. */
  private readonly livePasses = new AbortController();
  private seq = 0;
  private tentative: Word[] = [];
  private state: 'recording' | 'stopping' | 'done' = 'recording';

  constructor(private readonly opts: LiveAnswerOptions) {
    this.params = opts.streamParams ?? DEFAULT_STREAM_PARAMS;
    const gate = opts.speechModel ? new SpeechGate(new SileroVad(opts.speechModel), this.params.vad) : null;
    this.online = new OnlineTranscriber(opts.transcriber, this.params, gate);
    this.finalizer = new UtteranceFinalizer({
      transcriber: opts.transcriber,
      params: this.params,
      audioOf: (span) => this.allAudio.floats(secToSamples(span.startSec), secToSamples(span.endSec)),
      ...(opts.passCosts ? { costs: opts.passCosts } : {}),
      onFinal: (utterance) => {
        this.emitCaption();
        this.opts.events.finalText?.({ answerId: this.answerId, utterance });
      },
    });
    try {
      this.wav = (opts.openWav ?? ((p) => new WavWriter(p)))(opts.wavPath);
    } catch (err) {
      throw new Error(`Cannot create the recording file ${opts.wavPath}: ${describeFsError(err)}`);
    }
    this.nudges = new NudgeEngine(opts.nudgeParams);
  }

  get answerId(): string {
    return this.opts.answerId;
  }

  get receivedSec(): number {
    return samplesToSec(this.allAudio.length);
  }

  snapshot(): LiveAnswerSnapshot {
    return {
      answerId: this.answerId,
      state: this.state,
      receivedSec: this.receivedSec,
      bufferedCapacitySec: samplesToSec(this.allAudio.capacity),
      pendingSec: this.online.pendingSec,
      windowSec: this.online.windowSec,
      committedWords: this.online.committedWords().length,
      tentativeWords: this.tentative.length,
      stepping: this.stepping !== null,
    };
  }

  /** Accepts one frame of 16 kHz mono 16-bit PCM. */
  pushPcm16(pcm16: ArrayBuffer): void {
    if (this.state !== 'recording') throw new Error('This answer is no longer recording');
    const ints = new Int16Array(pcm16);
    this.appendToDisk(ints);
    this.allAudio.append(ints);
    const samples = pcm16ToFloat32(ints);
    this.online.pushAudio(samples);
    this.pitch.push(samples);
    this.pitch.advance();
    this.keepPitch();
    this.closeUtterances();
    this.pump();
  }

  /** Resolves once no step is running and less than one step of audio is waiting (lock-step feeding). */
  async drain(): Promise<void> {
    while (this.stepping) {
      await this.stepping;
    }
  }

  /** Resolves once live steps and the final passes of closed utterances are done (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.drain();
    await this.finalizer.idle();
  }

  /**
   * After Stop, while the last passes run: the answer as the live transcript has it now (final text
   * where it is ready, live words after it), for a report the user need not wait for. Null while
   * recording: the answer is not over.
   */
  provisional(): FinishedAnswer | null {
    if (this.state === 'recording') return null;
    return {
      durationSec: this.receivedSec,
      // Until the live stream is finished (a pass still being aborted), its tentative tail is all there is.
      words: [...this.shownWords(), ...this.tentative],
      audio: this.allAudio.view(),
      pitch: this.pitch.finish(),
    };
  }

  /** Stops recording, finishes the live stream and the final pass of the last utterance. */
  async stop(): Promise<FinishedAnswer> {
    this.state = 'stopping';
    this.clearRestTimer();
    // The final passes hear the rest of the answer again: waiting for a live pass would only delay them.
    this.livePasses.abort();
    await this.drain();
    const rest = this.online.finish();
    this.tentative = [];
    this.emitCaption();
    this.closeWav();
    const durationSec = this.receivedSec;
    const audio = this.allAudio.view();
    const pitch = this.pitch.finish();
    try {
      const words = await this.finalizer.finish(durationSec, this.online.lastVoicedSec, (p) =>
        this.opts.events.finishing?.({ answerId: this.answerId, ...p }),
      );
      this.emitFinalWords(rest, words);
      return { durationSec, words, audio, pitch };
    } catch (err) {
      this.emitFinalWords(rest, []);
      return {
        durationSec,
        words: [...this.online.committedWords()],
        finalPassError: (err as Error).message,
        audio,
        pitch,
      };
    } finally {
      this.state = 'done';
    }
  }

  /**
   * The end of the word stream: what the live passes left tentative, then the final pass's words after
   * the last live word, so audio no live pass heard (a short answer on a slow machine) is still covered.
   */
  private emitFinalWords(rest: Word[], finalWords: readonly Word[]): void {
    const liveEndSec = this.online.committedWords().at(-1)?.endSec ?? 0;
    const unheard = finalWords.filter((w) => w.startSec >= liveEndSec);
    this.opts.events.words?.({
      answerId: this.answerId,
      committed: [...rest, ...unheard],
      tentative: [],
      final: true,
    });
  }

  /** Abandons the answer; the caller deletes the files. */
  async cancel(): Promise<void> {
    this.state = 'done';
    this.clearRestTimer();
    this.livePasses.abort();
    this.finalizer.cancel();
    await this.drain();
    this.closeWav();
  }

  /** A write failure (full disk) must not end the answer: audio stays in memory for the transcript. */
  private appendToDisk(ints: Int16Array): void {
    if (this.wavFailed) return;
    try {
      this.wav.append(ints);
    } catch (err) {
      this.wavFailed = true;
      this.opts.events.error(
        `Could not save the recording to disk (${describeFsError(err)}). Keep going: your transcript and scores will still be saved.`,
      );
    }
  }

  private keepPitch(): void {
    const file = this.opts.pitchFile;
    if (!file) return;
    file.append(this.pitch.computed.slice(this.pitchFramesKept));
    this.pitchFramesKept = this.pitch.frameCount;
  }

  private closeWav(): void {
    this.opts.pitchFile?.close();
    try {
      this.wav.close();
    } catch (err) {
      if (!this.wavFailed)
        this.opts.events.error(`Could not finish the recording file (${describeFsError(err)}).`);
      this.wavFailed = true;
    }
  }

  private pump(): void {
    if (this.stepping || this.state !== 'recording') return;
    if (!this.online.stepDue(this.rested)) return;
    this.clearRestTimer();
    this.rested = false;
    this.stepping = this.runStep().finally(() => {
      this.stepping = null;
      this.startRestTimer();
      this.pump();
    });
  }

  /**
   * Without this, a slow pass followed by a pause in the audio stream (a client waiting for its caption
   * before sending more) left a due step waiting for audio that would never come.
   */
  private startRestTimer(): void {
    if (this.state !== 'recording') return;
    this.cancelRest = (this.opts.restTimer ?? wallClockRest)(this.online.restAfterPassMs, () => {
      this.cancelRest = null;
      this.rested = true;
      this.pump();
    });
  }

  private clearRestTimer(): void {
    this.cancelRest?.();
    this.cancelRest = null;
  }

  private async runStep(): Promise<void> {
    try {
      const { committed, tentative } = await this.online.step(this.livePasses.signal);
      this.tentative = tentative;
      this.finalizer.observe({
        committed: this.online.committedWords(),
        utteranceEndSec: null,
        receivedSec: this.receivedSec,
      });
      this.emitCaption();
      // Copies: the hypothesis buffer keeps working on its own arrays after this step.
      this.opts.events.words?.({
        answerId: this.answerId,
        committed: [...committed],
        tentative: [...tentative],
        final: false,
      });
      this.emitStatsAndNudges();
    } catch (err) {
      if (err instanceof TranscriptionAbortedError) return;
      this.opts.events.error(`Live transcription failed: ${(err as Error).message}`);
    }
  }

  private emitCaption(): void {
    this.opts.events.caption({
      answerId: this.answerId,
      seq: ++this.seq,
      committedText: joinWords(this.shownWords()),
      tentativeText: joinWords(this.tentative),
      audioSec: this.receivedSec,
    });
  }

  /**
   * An utterance closes as soon as the VAD hears its pause, not at the next live step, so its final
   * pass starts early and a slow live schedule does not merge utterances.
   */
  private closeUtterances(): void {
    const ends = this.online.utteranceEnds;
    const paused = ends.length !== this.utteranceEndsSeen;
    // Speech that runs past the cap is cut as soon as it does, not at the next live step, which on a
    // slow machine can be seconds away: the open utterance is what Stop has left to transcribe.
    const overCap = this.receivedSec - this.finalizer.closedUntil >= this.params.maxUtteranceSec;
    const quietSinceSec = this.online.quietSinceSec;
    const quiet =
      quietClose(quietSinceSec, this.receivedSec, this.finalizer.closedUntil, this.params) !== null;
    if (!paused && !overCap && !quiet) return;
    this.utteranceEndsSeen = ends.length;
    this.finalizer.observe({
      committed: this.online.committedWords(),
      utteranceEndSec: paused ? ends.at(-1)! : null,
      receivedSec: this.receivedSec,
      quietSinceSec,
    });
  }

  /**
   * Final text where it is ready, live words after it: the captions change once per utterance, when
   * its final text arrives, and never go back.
   */
  private shownWords(): Word[] {
    const finalUntilSec = this.finalizer.finalUntilSec;
    const final = this.finalizer.finished.flatMap((u) => u.words);
    return [...final, ...this.online.committedWords().filter((w) => w.startSec >= finalUntilSec)];
  }

  private emitStatsAndNudges(): void {
    const committed = this.online.committedWords();
    const nowSec = this.receivedSec;
    // One reading for the chips and the nudges, over the words the captions show.
    const reading = readLive([...committed, ...this.tentative], nowSec, {
      lastVoicedSec: this.online.lastVoicedSec,
    });
    this.opts.events.stats({
      answerId: this.answerId,
      elapsedSec: nowSec,
      wordsPerMinute: reading.wordsPerMinute ?? 0,
      fillerCount: reading.fillers.length,
      longPauseCount: this.longPauseCount(committed),
      behind: this.online.pendingSec > this.params.behindAfterSec,
    });
    const nudge = this.nudges.update({ nowSec, committedWords: [...committed], reading });
    if (nudge) this.opts.events.nudge(nudge);
  }

  /**
   * The VAD hears a pause as soon as speech resumes, whatever Whisper makes of the words around it;
   * without the VAD model the gaps between committed words are the best there is.
   */
  private longPauseCount(committed: readonly Word[]): number {
    const vad = this.online.vadPauses;
    if (vad) return vad.filter((p) => p.endSec - p.startSec >= LONG_PAUSE_SEC).length;
    return findLongPauses(committed).length;
  }
}

const joinWords = (words: readonly Word[]): string => words.map((w) => w.text).join(' ');
