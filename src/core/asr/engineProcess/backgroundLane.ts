// Live passes and background passes (final text built during the answer) on separate engine
// processes: the background one starts on first use, at the lowest CPU priority, so a background
// pass never delays a caption, yet it uses all the cores the live passes leave idle.
import type { AsrResult, TranscribeOptions, Transcriber } from '../transcriber';

export class LanedTranscriber implements Transcriber {
  private background: Promise<Transcriber> | null = null;

  constructor(
    private readonly live: Transcriber,
    private readonly startBackground: () => Promise<Transcriber>,
    private readonly log?: (line: string) => void,
  ) {}

  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    if (options.priority !== 'background') return this.live.transcribe(audio, options);
    return (await this.backgroundEngine()).transcribe(audio, options);
  }

  /** A background engine that cannot start (no memory for a second model) leaves its work to the live one. */
  private backgroundEngine(): Promise<Transcriber> {
    this.background ??= this.startBackground().catch((err: Error) => {
      this.log?.(`[coach] background engine unavailable, using the live one: ${err.message}`);
      return this.live;
    });
    return this.background;
  }

  async dispose(): Promise<void> {
    const background = this.background;
    this.background = null;
    const engine = await background;
    await Promise.all([this.live.dispose(), engine && engine !== this.live ? engine.dispose() : undefined]);
  }
}
