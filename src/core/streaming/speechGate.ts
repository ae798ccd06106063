// What the streaming engine needs from voice activity detection: was anything said since a given
// time (else a step would only transcribe silence), and has the speaker just finished a thought
// (then the tail can be committed now instead of waiting for the next words).
import { SAMPLE_RATE_HZ } from '../../shared/audioFormat';
import type { SpeechProbabilityModel } from '../vad/sileroVad';
import { VadSegmenter, type Pause, type VadParams } from '../vad/speechSegments';

const HALF_SAMPLE_SEC = 0.5 / SAMPLE_RATE_HZ;

export class SpeechGate {
  private readonly segmenter: VadSegmenter;
  /** End of the last voiced VAD window that belongs to confirmed speech, or -Infinity before any. */
  private lastVoicedSec = Number.NEGATIVE_INFINITY;
  /** End of the last voiced window of any kind, confirmed or not (yet). */
  private lastVoicedWindowSec = Number.NEGATIVE_INFINITY;
  private utteranceEndSec: number | null = null;
  /** Padded start of the last confirmed speech segment, or -Infinity before any. */
  private lastSpeechStartSec = Number.NEGATIVE_INFINITY;
  readonly pauses: Pause[] = [];
  /** Every utterance end heard so far (speech end times), for whoever closes utterances as they end. */
  readonly utteranceEnds: number[] = [];

  constructor(model: SpeechProbabilityModel, params: Partial<VadParams> = {}) {
    this.segmenter = new VadSegmenter(model, params, {
      onWindow: (probability, windowStartSec) => {
        if (probability >= this.segmenter.params.threshold) {
          this.lastVoicedWindowSec = windowStartSec + model.windowSamples / SAMPLE_RATE_HZ;
        }
      },
    });
  }

  push(samples: Float32Array): void {
    let confirmed = this.segmenter.state === 'speech';
    for (const event of this.segmenter.push(samples)) {
      if (event.type === 'utterance-end') {
        this.utteranceEndSec = event.speechEndSec;
        this.utteranceEnds.push(event.speechEndSec);
      } else if (event.type === 'speech-start') {
        this.lastSpeechStartSec = event.startSec;
        confirmed = true;
      } else if (event.type === 'pause') this.pauses.push(event.pause);
    }
    // Voice counts once the segmenter confirms it as speech (minSpeechMs): a click, a cough or the
    // edge of a cut that it drops must not keep the engine transcribing silence, where Whisper
    // hallucinates words.
    if (confirmed || this.segmenter.state === 'speech') {
      this.lastVoicedSec = Math.max(this.lastVoicedSec, this.lastVoicedWindowSec);
    }
  }

  /**
   * Where the audio went quiet: the end of the last window the VAD heard any voice in, confirmed as
   * speech or not (0 before any). Nothing after it holds a voiced window.
   */
  get quietSince(): number {
    return Math.max(0, this.lastVoicedWindowSec);
  }

  /** Confirmed speech heard after `sec`. */
  voicedSince(sec: number): boolean {
    // Half a sample of slack: a window cut at the last voiced sample must count as silent, whatever
    // the cut's rounding to whole samples did.
    return this.lastVoicedSec > sec + HALF_SAMPLE_SEC;
  }

  /** Has the speaker started a new stretch of confirmed speech after `sec`? */
  speechResumedAfter(sec: number): boolean {
    return this.lastSpeechStartSec > sec;
  }

  /** Answer time at which the last voiced window of confirmed speech ended (-Infinity before any). */
  get lastVoiced(): number {
    return this.lastVoicedSec;
  }

  /** The end of speech that the speaker has just paused after, once; null otherwise. */
  takeUtteranceEnd(): number | null {
    const end = this.utteranceEndSec;
    this.utteranceEndSec = null;
    return end;
  }
}
