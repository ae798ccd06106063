// AudioWorklet (runs on the audio thread): mixes the microphone to mono, resamples it from the context's
// rate to 16 kHz, and posts 200 ms frames of 16-bit PCM (transferred) with their level to the main thread.
// Loaded through Vite's `?worker&url`, which bundles this file and its imports into one script.
import { SAMPLE_RATE_HZ } from '../../../shared/audioFormat';
import { Pcm16Framer, Resampler, type Pcm16Frame } from './pcmConvert';
import { PCM_RECORDER_PROCESSOR, type RecorderCommand, type RecorderMessage } from './recorderProtocol';

// The AudioWorkletGlobalScope is not part of TypeScript's DOM lib.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor();
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

/** A render quantum is 128 frames today; buffers grow if a browser ever uses another size. */
const RENDER_QUANTUM_FRAMES = 128;

class PcmRecorderProcessor extends AudioWorkletProcessor {
  private readonly resampler = new Resampler(sampleRate, SAMPLE_RATE_HZ);
  private readonly framer = new Pcm16Framer((frame) => this.post(frame));
  private mono = new Float32Array(RENDER_QUANTUM_FRAMES);
  private resampled = new Float32Array(this.resampler.maxOutputLength(RENDER_QUANTUM_FRAMES));
  private running = true;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent<RecorderCommand>) => {
      if (event.data.type === 'flush') {
        this.framer.flush();
        this.running = false;
        const done: RecorderMessage = { type: 'flushed' };
        this.port.postMessage(done);
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (!this.running) return false;
    const channels = inputs[0];
    const first = channels?.[0];
    // No channels means the source is gone (e.g. the device was unplugged); keep running until flushed.
    if (!channels || !first) return true;

    const mono = channels.length === 1 ? first : this.mixToMono(channels, first.length);
    if (this.resampled.length < this.resampler.maxOutputLength(mono.length)) {
      this.resampled = new Float32Array(this.resampler.maxOutputLength(mono.length));
    }
    const count = this.resampler.process(mono, this.resampled);
    this.framer.push(this.resampled, count);
    return true;
  }

  private mixToMono(channels: Float32Array[], length: number): Float32Array {
    if (this.mono.length !== length) this.mono = new Float32Array(length);
    const mono = this.mono;
    mono.fill(0);
    for (const channel of channels) {
      for (let i = 0; i < length; i++) mono[i] = mono[i]! + channel[i]! / channels.length;
    }
    return mono;
  }

  private post(frame: Pcm16Frame): void {
    const buffer = frame.pcm16.buffer as ArrayBuffer;
    const message: RecorderMessage = { type: 'frame', pcm16: buffer, rms: frame.rms, peak: frame.peak };
    this.port.postMessage(message, [buffer]);
  }
}

registerProcessor(PCM_RECORDER_PROCESSOR, PcmRecorderProcessor);
