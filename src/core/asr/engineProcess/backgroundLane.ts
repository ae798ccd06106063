// Live passes and background passes (final text built during the answer) on separate engine
// processes: the background one starts on first use, at the lowest CPU priority, so a background
// pass never delays a caption, yet it uses all the cores the live passes leave idle. While a live
// caption pass runs, the background process is frozen outright: even at the lowest priority it
// slowed live passes by its share of the caches and of the moments a live thread waits.
import type { AsrResult, TranscribeOptions, Transcriber } from '../transcriber';

/** A background engine that can be frozen while a caption pass runs (ProcessTranscriber). */
export interface SuspendableTranscriber extends Transcriber {
  suspend(): void;
  resume(): void;
}

export class LanedTranscriber implements Transcriber {
  private background: Promise<Transcriber> | null = null;
  /** The background engine once started; null while starting, or when the live one stands in. */
  private suspendable: SuspendableTranscriber | null = null;
  private captionPasses = 0;

  constructor(
    private readonly live: Transcriber,
    private readonly startBackground: () => Promise<SuspendableTranscriber>,
    private readonly log?: (line: string) => void,
  ) {}

  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    if (options.priority === 'background') return (await this.backgroundEngine()).transcribe(audio, options);
    // Thorough passes on the live lane (what Stop has left, crash recovery, Transcribe again) leave the
    // background engine running: the freeze is for captions, whose latency the user watches.
    if (options.thorough) return this.live.transcribe(audio, options);
    return this.captionPass(audio, options);
  }

  private async captionPass(audio: Float32Array, options: TranscribeOptions): Promise<AsrResult> {
    if (this.captionPasses++ === 0) this.suspendable?.suspend();
    try {
      return await this.live.transcribe(audio, options);
    } finally {
      if (--this.captionPasses === 0) this.suspendable?.resume();
    }
  }

  /** A background engine that cannot start (no memory for a second model) leaves its work to the live one. */
  private backgroundEngine(): Promise<Transcriber> {
    this.background ??= this.startBackground().then(
      (engine) => {
        this.suspendable = engine;
        return engine;
      },
      (err: Error) => {
        this.log?.(`[coach] background engine unavailable, using the live one: ${err.message}`);
        return this.live;
      },
    );
    return this.background;
  }

  async dispose(): Promise<void> {
    const background = this.background;
    this.background = null;
    this.suspendable?.resume();
    this.suspendable = null;
    const engine = await background;
    await Promise.all([this.live.dispose(), engine && engine !== this.live ? engine.dispose() : undefined]);
  }
}
