import { writeFileSync } from 'node:fs';
import { float32ToPcm16 } from '../../src/core/audio/pcm';
import { SAMPLE_RATE_HZ } from '../../src/shared/audioFormat';
import { wavHeader } from '../../src/core/audio/wavWriter';

/** Writes 16 kHz mono 16-bit PCM, clipping anything beyond full scale. */
export function writeWavFile(file: string, samples: Float32Array): void {
  const pcm = float32ToPcm16(samples);
  writeFileSync(
    file,
    Buffer.concat([
      wavHeader(pcm.byteLength, SAMPLE_RATE_HZ),
      Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength),
    ]),
  );
}
