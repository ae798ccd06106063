// What the streaming engine needs from voice activity detection: was anything voiced since a given
// time (else a step would only transcribe silence), and has the speaker just finished a thought
// (then the tail can be committed now instead of waiting for the next words).
import type { SpeechProbabilityModel } from '../vad/sileroVad';
import { VadSegmenter, type Pause, type VadParams } from '../vad/speechSegments';

export class SpeechGate {
  private readonly segmenter: VadSegmenter;
  /** Answer time at which the last voiced VAD window ended, or -Infinity before any. */
  private lastVoicedSec = Number.NEGATIVE_INFINITY;
  private utteranceEndSec: number | null = null;
  readonly pauses: Pause[] = [];

  constructor(model: SpeechProbabilityModel, params: Partial<VadParams> = {}) {
    this.segmenter = new VadSegmenter(model, params, {
      onWindow: (probability, windowStartSec) => {
        if (probability >= this.segmenter.params.threshold) {
          this.lastVoicedSec = windowStartSec + model.windowSamples / 16_000;
        }
      },
    });
  }

  push(samples: Float32Array): void {
    for (const event of this.segmenter.push(samples)) {
      if (event.type === 'utterance-end') this.utteranceEndSec = event.speechEndSec;
      else if (event.type === 'pause') this.pauses.push(event.pause);
    }
  }

  voicedSince(sec: number): boolean {
    return this.lastVoicedSec > sec;
  }

  /** Answer time at which the last voiced window ended (-Infinity before any speech). */
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
