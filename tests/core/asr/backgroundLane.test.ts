// The lanes' policy: a live caption pass freezes the background engine for exactly as long as it
// runs; other passes never do. The engines here are fakes (the policy is under test); the freezing
// itself is tested on real processes in processSuspension.test.ts.
import { describe, expect, it } from 'vitest';
import {
  LanedTranscriber,
  type SuspendableTranscriber,
} from '../../../src/core/asr/engineProcess/backgroundLane';
import type { AsrResult, TranscribeOptions, Transcriber } from '../../../src/core/asr/transcriber';

const RESULT: AsrResult = { words: [], text: '', computeMs: 1 };

/** A pass that ends when the test says so. */
class ManualEngine implements Transcriber {
  readonly passes: { options: TranscribeOptions; finish: (fail?: Error) => void }[] = [];
  transcribe(_audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    return new Promise((resolve, reject) => {
      this.passes.push({ options, finish: (fail) => (fail ? reject(fail) : resolve(RESULT)) });
    });
  }
  async dispose(): Promise<void> {}
}

class FreezableEngine extends ManualEngine implements SuspendableTranscriber {
  readonly calls: string[] = [];
  suspend(): void {
    this.calls.push('suspend');
  }
  resume(): void {
    this.calls.push('resume');
  }
}

const audio = new Float32Array(160);
const settle = () => new Promise((r) => setImmediate(r));

async function lanesWithBackgroundStarted() {
  const live = new ManualEngine();
  const background = new FreezableEngine();
  const lanes = new LanedTranscriber(live, async () => background);
  const first = lanes.transcribe(audio, { priority: 'background' });
  await settle();
  background.passes[0]!.finish();
  await first;
  return { live, background, lanes };
}

describe('LanedTranscriber', () => {
  it('freezes the background engine while a caption pass runs, and continues it after', async () => {
    const { live, background, lanes } = await lanesWithBackgroundStarted();
    const pass = lanes.transcribe(audio, { audioCtx: 384 });
    expect(background.calls).toEqual(['suspend']);
    live.passes[0]!.finish();
    await pass;
    expect(background.calls).toEqual(['suspend', 'resume']);
  });

  it('continues the background engine when the caption pass fails or is aborted', async () => {
    const { live, background, lanes } = await lanesWithBackgroundStarted();
    const pass = lanes.transcribe(audio, {});
    live.passes[0]!.finish(new Error('engine died'));
    await expect(pass).rejects.toThrow('engine died');
    expect(background.calls).toEqual(['suspend', 'resume']);
  });

  it('freezes once for overlapping caption passes and continues after the last', async () => {
    const { live, background, lanes } = await lanesWithBackgroundStarted();
    const a = lanes.transcribe(audio, {});
    const b = lanes.transcribe(audio, {});
    live.passes[0]!.finish();
    await a;
    expect(background.calls).toEqual(['suspend']);
    live.passes[1]!.finish();
    await b;
    expect(background.calls).toEqual(['suspend', 'resume']);
  });

  it('never freezes it for thorough passes on the live lane, nor for its own passes', async () => {
    const { live, background, lanes } = await lanesWithBackgroundStarted();
    const stopPass = lanes.transcribe(audio, { thorough: true });
    const own = lanes.transcribe(audio, { priority: 'background', thorough: true });
    await settle();
    live.passes[0]!.finish();
    background.passes[1]!.finish();
    await Promise.all([stopPass, own]);
    expect(background.calls).toEqual([]);
  });

  it('runs caption passes unhindered before the background engine has started', async () => {
    const live = new ManualEngine();
    const background = new FreezableEngine();
    const lanes = new LanedTranscriber(live, async () => background);
    const pass = lanes.transcribe(audio, {});
    live.passes[0]!.finish();
    await pass;
    expect(background.calls).toEqual([]);
  });

  it('freezes nothing when the live engine stands in for a background engine that could not start', async () => {
    const live = new FreezableEngine();
    const lines: string[] = [];
    const lanes = new LanedTranscriber(
      live,
      () => Promise.reject(new Error('no memory')),
      (l) => lines.push(l),
    );
    const own = lanes.transcribe(audio, { priority: 'background' });
    await settle();
    live.passes[0]!.finish();
    await own;
    const caption = lanes.transcribe(audio, {});
    live.passes[1]!.finish();
    await caption;
    expect(live.calls).toEqual([]);
    expect(lines.join('\n')).toContain('no memory');
  });

  it('continues a frozen background engine when disposed mid-pass', async () => {
    const { live, background, lanes } = await lanesWithBackgroundStarted();
    const pass = lanes.transcribe(audio, {});
    await lanes.dispose();
    expect(background.calls).toEqual(['suspend', 'resume']);
    live.passes[0]!.finish();
    await pass;
    // Its own end does not touch the disposed engine again.
    expect(background.calls).toEqual(['suspend', 'resume']);
  });
});
