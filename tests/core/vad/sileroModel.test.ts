import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { halfToFloat } from '../../../src/core/vad/halfFloat';
import {
  loadSileroModel,
  parseSileroModel,
  TENSOR_NAMES,
  VadModelFileError,
} from '../../../src/core/vad/sileroModel';
import { ModelFileError } from '../../../src/core/asr/ggmlModelInfo';
import { sharedAudio, tempDir } from '../../helpers/fixtures';
import { floatToHalf, tensorRecords, VAD_MODEL_PATH, writeVadGgml } from './vadTestKit';

const bytes = new Uint8Array(readFileSync(VAD_MODEL_PATH));
const model = loadSileroModel(VAD_MODEL_PATH);

describe('halfToFloat', () => {
  it('decodes normal, subnormal and special halves', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x3555)).toBeCloseTo(0.333251953125, 12);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x0400)).toBe(2 ** -14);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0xfc00)).toBe(-Infinity);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });

  it('round-trips every finite half through float and back', () => {
    const mismatches: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      if ((h & 0x7c00) === 0x7c00) continue; // infinities and NaNs
      if (floatToHalf(halfToFloat(h)) !== h) mismatches.push(h);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('loadSileroModel on ggml-silero-v6.2.0.bin', () => {
  it('reads the header', () => {
    expect(model.header).toEqual({
      modelType: 'silero-16k',
      version: '6.2.0',
      windowSize: 512,
      contextSize: 64,
      encoderLayers: [
        { inChannels: 129, outChannels: 128, kernelSize: 3 },
        { inChannels: 128, outChannels: 64, kernelSize: 3 },
        { inChannels: 64, outChannels: 64, kernelSize: 3 },
        { inChannels: 64, outChannels: 128, kernelSize: 3 },
      ],
      lstmInputSize: 128,
      lstmHiddenSize: 128,
      finalConvIn: 128,
      finalConvOut: 1,
    });
  });

  it('reads all 15 tensors with their ggml shapes and storage types', () => {
    const summary = Object.fromEntries(
      model.tensors.map((t) => [t.name, `${t.storedAs} ${t.shape.join('x')}`]),
    );
    expect(summary).toEqual({
      '_model.encoder.0.reparam_conv.weight': 'f16 3x129x128x1',
      '_model.encoder.0.reparam_conv.bias': 'f32 128x1x1x1',
      '_model.encoder.1.reparam_conv.weight': 'f16 3x128x64x1',
      '_model.encoder.1.reparam_conv.bias': 'f32 64x1x1x1',
      '_model.encoder.2.reparam_conv.weight': 'f16 3x64x64x1',
      '_model.encoder.2.reparam_conv.bias': 'f32 64x1x1x1',
      '_model.encoder.3.reparam_conv.weight': 'f16 3x64x128x1',
      '_model.encoder.3.reparam_conv.bias': 'f32 128x1x1x1',
      '_model.decoder.rnn.weight_ih': 'f32 128x512x1x1',
      '_model.decoder.rnn.weight_hh': 'f32 128x512x1x1',
      '_model.decoder.rnn.bias_ih': 'f32 512x1x1x1',
      '_model.decoder.rnn.bias_hh': 'f32 512x1x1x1',
      '_model.decoder.decoder.2.weight': 'f16 128x1x1x1',
      '_model.decoder.decoder.2.bias': 'f32 1x1x1x1',
      '_model.stft.forward_basis_buffer': 'f16 256x1x258x1',
    });
    for (const t of model.tensors) expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
  });

  it('decodes weights to finite floats, with the STFT basis a windowed DFT', () => {
    for (const t of model.tensors) expect(t.data.every(Number.isFinite), t.name).toBe(true);
    const { stftBasis, fftSize, bins } = model.weights;
    expect([fftSize, bins]).toEqual([256, 129]);
    // Bin 0's real row is the analysis window itself (cos 0 = 1): zero at the edge, peaking mid-frame,
    // and its imaginary row (sin 0) is zero everywhere.
    const window = stftBasis.subarray(0, fftSize);
    expect(Math.abs(window[0]!)).toBeLessThan(1e-3);
    expect(window[fftSize / 2]!).toBeCloseTo(Math.max(...window), 6);
    const imag0 = stftBasis.subarray(bins * fftSize, (bins + 1) * fftSize);
    expect(Math.max(...imag0.map(Math.abs))).toBeLessThan(1e-6);
  });

  it('reads f32-stored tensors the same as f16-stored ones', () => {
    const allF32 = writeVadGgml(
      model.header,
      tensorRecords(model.tensors, () => 'f32'),
    );
    const reread = parseSileroModel(allF32, 'all-f32');
    expect(reread.tensors.every((t) => t.storedAs === 'f32')).toBe(true);
    for (const [i, t] of reread.tensors.entries()) {
      expect(Buffer.from(t.data.buffer).equals(Buffer.from(model.tensors[i]!.data.buffer)), t.name).toBe(
        true,
      );
    }
  });

  it('re-encodes the file byte for byte (the writer used by the error tests is faithful)', () => {
    const rewritten = Buffer.from(writeVadGgml(model.header, tensorRecords(model.tensors)));
    expect(rewritten.equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('model file errors', () => {
  const expectError = (fn: () => unknown, message: RegExp): void => {
    expect(fn).toThrow(VadModelFileError);
    expect(fn).toThrow(message);
  };

  it('reports a missing file with where to get the model', () => {
    expectError(
      () => loadSileroModel('/nonexistent/ggml-silero-v6.2.0.bin'),
      /not found.*ggml-silero-v6\.2\.0\.bin/,
    );
  });

  it('reports a folder given as the model', () => {
    const dir = path.join(tempDir('coach-vad-'), 'models');
    mkdirSync(dir);
    expectError(() => loadSileroModel(dir), /is a folder/);
  });

  it('is a ModelFileError, so callers that handle Whisper model errors handle it too', () => {
    expect(() => loadSileroModel('/nonexistent/x.bin')).toThrow(ModelFileError);
  });

  it('reports truncation anywhere in the file, naming what was being read', () => {
    expectError(() => parseSileroModel(new Uint8Array(0), 'empty.bin'), /empty\.bin is empty/);
    // The header is 106 bytes: the version ends at 30, the encoder dimensions span 42–90.
    expectError(
      () => parseSileroModel(bytes.subarray(0, 28), 'cut.bin'),
      /cut\.bin is truncated.*patch version/,
    );
    expectError(() => parseSileroModel(bytes.subarray(0, 60), 'cut.bin'), /truncated.*encoder layer 1/);
    // Inside the first tensor's data, inside the second tensor's record header, and at the last byte.
    expectError(() => parseSileroModel(bytes.subarray(0, 5000), 'cut.bin'), /truncated.*data of tensor/);
    expectError(() => parseSileroModel(bytes.subarray(0, 99245), 'cut.bin'), /truncated.*tensor name length/);
    expectError(() => parseSileroModel(bytes.subarray(0, bytes.length - 1), 'cut.bin'), /truncated/);
  });

  it('reports a file that ends cleanly between tensors as incomplete', () => {
    const records = tensorRecords(model.tensors).slice(0, -1);
    expectError(
      () => parseSileroModel(writeVadGgml(model.header, records), 'short.bin'),
      /incomplete: 1 tensor\(s\) missing \(_model\.stft\.forward_basis_buffer\)/,
    );
  });

  it('rejects foreign files: random bytes, a WAV file, a Whisper speech model', () => {
    expectError(
      () => parseSileroModel(new Uint8Array(4096).fill(7), 'x.bin'),
      /not a Silero VAD model.*magic/,
    );
    expectError(() => loadSileroModel(sharedAudio('jfk.wav')), /not a Silero VAD model.*magic/);
    // A Whisper model also starts with "ggml"; its vocabulary size must not be taken for a string length.
    expectError(
      () => loadSileroModel(inject('syntheticModelPath')),
      /not a Silero VAD model.*model type length/,
    );
  });

  it('rejects another ggml model type, unknown or misshapen tensors, and unsupported tensor types', () => {
    const records = tensorRecords(model.tensors);
    expectError(
      () => parseSileroModel(writeVadGgml({ ...model.header, modelType: 'silero-8k' }, records)),
      /model type "silero-8k"/,
    );
    const renamed = records.map((r, i) => (i === 0 ? { ...r, name: '_model.encoder.9.weight' } : r));
    expectError(
      () => parseSileroModel(writeVadGgml(model.header, renamed)),
      /unknown tensor "_model\.encoder\.9/,
    );
    const twice = [...records, records[0]!];
    expectError(() => parseSileroModel(writeVadGgml(model.header, twice)), /appears twice/);
    const bias = records.find((r) => r.name === TENSOR_NAMES.lstmBiasIh)!;
    const misshapen = records.map((r) => (r === bias ? { ...r, dims: [256, 2], data: r.data } : r));
    expectError(
      () => parseSileroModel(writeVadGgml(model.header, misshapen)),
      /"_model\.decoder\.rnn\.bias_ih" has shape \[256, 2, 1, 1\], expected \[512, 1, 1, 1\]/,
    );
    const q8 = Buffer.from(writeVadGgml(model.header, records));
    const firstTensorTypeOffset = 106 + 8; // after the header, n_dims and the name length
    q8.writeInt32LE(8, firstTensorTypeOffset); // ggml q8_0

    expectError(() => parseSileroModel(q8), /ggml type 8/);
  });

  it('gives the file name in messages', () => {
    const p = path.join(tempDir('coach-vad-'), 'ggml-silero-v6.2.0.bin');
    writeFileSync(p, bytes.subarray(0, 1000));
    expectError(() => loadSileroModel(p), new RegExp(`${p.replace(/[.]/g, '\\.')} is truncated`));
  });
});
