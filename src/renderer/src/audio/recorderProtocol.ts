// Messages between the main thread and the PCM recorder worklet.

export const PCM_RECORDER_PROCESSOR = 'pcm-recorder';

/** worklet → main thread. */
export type RecorderMessage =
  | {
      type: 'frame';
      /** 16 kHz mono 16-bit PCM, transferred. */
      pcm16: ArrayBuffer;
      rms: number;
      peak: number;
    }
  | { type: 'flushed' };

/** main thread → worklet: emit the partial last frame, then report `flushed` and stop processing. */
export type RecorderCommand = { type: 'flush' };
