// The synthetic model generator: the file must follow whisper.cpp's ggml layout byte for byte
// (checked here by an independent parser and size formula) and load and run in the real addon.
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranscribeTask, WhisperModel } from 'smart-whisper';
import { readWav16kMono } from '../../src/core/audio/readWav';
import { sharedAudio, tempDir } from '../helpers/fixtures';
import {
  ensureSyntheticModel,
  floatToHalf,
  halfToFloat,
  melFilterbank,
  syntheticModelFileName,
} from '../../scripts/makeSyntheticModel';

const TINY_EN = { nVocab: 51864, nAudioCtx: 1500, state: 384, heads: 6, layers: 4, nTextCtx: 448, nMels: 80 };
const F32 = 0;
const F16 = 1;

/**
 * Bytes of tensor data in a Whisper model, from the architecture alone: f16 for matrices,
 * convolutions and the token embedding, f32 for positions, biases and LayerNorms.
 */
function expectedTensorDataBytes(m: typeof TINY_EN): number {
  const d = m.state;
  const layerNorm = 2 * d * 4;
  const attention = 4 * d * d * 2 + 3 * d * 4; // q, k, v, out weights; k has no bias
  const mlp = 2 * d * 4 * d * 2 + (4 * d + d) * 4;
  const encoder =
    m.nAudioCtx * d * 4 + // positional embedding
    (3 * m.nMels * d * 2 + d * 4) + // conv1
    (3 * d * d * 2 + d * 4) + // conv2
    layerNorm + // ln_post
    m.layers * (2 * layerNorm + attention + mlp);
  const decoder =
    m.nTextCtx * d * 4 + // positional embedding
    m.nVocab * d * 2 + // token embedding
    layerNorm + // ln
    m.layers * (3 * layerNorm + 2 * attention + mlp);
  return encoder + decoder;
}

type ParsedModel = {
  magic: number;
  hparams: number[];
  mel: { nMel: number; nFft: number; data: Float32Array };
  vocab: string[];
  tensors: { name: string; type: number; ne: number[]; dataBytes: number }[];
  bytesParsed: number;
};

/** A minimal reader for the legacy ggml layout, written separately from the generator. */
function parseModel(file: Buffer): ParsedModel {
  let pos = 0;
  const i32 = (): number => {
    const v = file.readInt32LE(pos);
    pos += 4;
    return v;
  };
  const magic = file.readUInt32LE(0);
  pos = 4;
  const hparams = Array.from({ length: 11 }, i32);
  const nMel = i32();
  const nFft = i32();
  const data = new Float32Array(nMel * nFft);
  for (let i = 0; i < data.length; i++) data[i] = file.readFloatLE(pos + 4 * i);
  pos += data.length * 4;
  const vocab: string[] = [];
  const nVocab = i32();
  for (let i = 0; i < nVocab; i++) {
    const len = file.readUInt32LE(pos);
    vocab.push(file.toString('utf8', pos + 4, pos + 4 + len));
    pos += 4 + len;
  }
  const tensors: ParsedModel['tensors'] = [];
  while (pos < file.length) {
    const nDims = i32();
    const nameLen = i32();
    const type = i32();
    const ne = Array.from({ length: nDims }, i32);
    const name = file.toString('utf8', pos, pos + nameLen);
    pos += nameLen;
    const dataBytes = ne.reduce((a, b) => a * b, 1) * (type === F16 ? 2 : 4);
    pos += dataBytes;
    tensors.push({ name, type, ne, dataBytes });
  }
  return { magic, hparams, mel: { nMel, nFft, data }, vocab, tensors, bytesParsed: pos };
}

describe('float → half conversion', () => {
  it('round-trips representable values and rounds the rest to nearest', () => {
    for (const v of [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, 0.0999755859375]) {
      expect(halfToFloat(floatToHalf(v))).toBe(v);
    }
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(-0)).toBe(0x8000);
    expect(floatToHalf(1e6)).toBe(0x7c00); // overflow → +Inf
    expect(floatToHalf(2 ** -26)).toBe(0); // below half the smallest subnormal
    expect(Number.isNaN(halfToFloat(floatToHalf(NaN)))).toBe(true);
    expect(Math.abs(halfToFloat(floatToHalf(0.1)) - 0.1)).toBeLessThan(2 ** -14);
    // 1 + 2^-11 is exactly halfway between two halves: ties go to the even mantissa (1.0).
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00);
  });
});

describe('mel filterbank', () => {
  const filters = melFilterbank(16000, 400, 80);
  const row = (m: number): Float32Array => filters.subarray(m * 201, (m + 1) * 201);

  it('has 80 non-negative triangular filters over 201 bins with increasing centres', () => {
    expect(filters.length).toBe(80 * 201);
    let lastPeak = -1;
    for (let m = 0; m < 80; m++) {
      const r = row(m);
      expect(Math.min(...r)).toBeGreaterThanOrEqual(0);
      const peak = r.indexOf(Math.max(...r));
      expect(peak).toBeGreaterThanOrEqual(lastPeak);
      lastPeak = peak;
    }
    expect(lastPeak).toBeGreaterThan(190);
  });

  it('matches the Slaney formula at a hand-computed point', () => {
    // Edges of filter 0 are 0, 37.24 and 74.48 Hz (mel step 45.246/81, ×200/3 Hz per mel below
    // 1 kHz); bin 1 (40 Hz) is on the falling side: (74.48 − 40) / 37.24 × 2 / 74.48 ≈ 0.02486.
    const step = ((15 + Math.log(8) / (Math.log(6.4) / 27)) / 81) * (200 / 3);
    expect(row(0)[1]).toBeCloseTo(((2 * step - 40) / step) * (2 / (2 * step)), 6);
    expect(row(0)[0]).toBe(0);
  });

  it('gives the wide high-frequency filters unit area in Hz', () => {
    // Slaney normalisation scales each triangle to area 1; above ~2 kHz a filter spans enough
    // 40 Hz bins for the sampled sum to be within a few per cent of that.
    const binHz = 16000 / 400;
    for (let m = 45; m < 80; m++) expect(row(m).reduce((a, b) => a + b, 0) * binHz).toBeCloseTo(1, 1);
  });
});

describe('synthetic tiny.en model', () => {
  let dir: string;
  let modelPath: string;

  beforeAll(async () => {
    dir = tempDir('coach-synthetic-');
    modelPath = await ensureSyntheticModel({ dir });
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is written under the expected name, atomically, and reused on a second call', async () => {
    expect(path.basename(modelPath)).toBe(syntheticModelFileName('tiny.en'));
    const before = statSync(modelPath).mtimeMs;
    expect(await ensureSyntheticModel({ dir })).toBe(modelPath);
    expect(statSync(modelPath).mtimeMs).toBe(before);
  });

  it('has the header, mel filters, vocabulary and every tensor whisper.cpp expects', () => {
    const file = readFileSync(modelPath);
    const m = parseModel(file);
    const t = TINY_EN;
    expect(m.magic).toBe(0x67676d6c);
    expect(m.hparams).toEqual([
      t.nVocab,
      t.nAudioCtx,
      t.state,
      t.heads,
      t.layers,
      t.nTextCtx,
      t.state,
      t.heads,
      t.layers,
      t.nMels,
      1,
    ]);
    expect(m.mel.nMel).toBe(80);
    expect(m.mel.nFft).toBe(201);
    expect(m.mel.data).toEqual(melFilterbank(16000, 400, 80));

    expect(m.vocab.length).toBe(50257);
    expect(new Set(m.vocab).size).toBe(50257);
    expect(m.vocab[50256]).toBe('<|endoftext|>');
    expect(m.vocab).toContain(' '); // whisper.cpp's blank suppression looks it up with .at()
    expect(m.vocab).toContain(' the');

    expect(m.tensors.length).toBe(7 + 15 * t.layers + 4 + 24 * t.layers);
    expect(new Set(m.tensors.map((x) => x.name)).size).toBe(m.tensors.length);
    const dataBytes = m.tensors.reduce((sum, x) => sum + x.dataBytes, 0);
    expect(dataBytes).toBe(expectedTensorDataBytes(t));
    expect(m.bytesParsed).toBe(file.length); // nothing missing or trailing
    expect(file.length).toBeGreaterThan(dataBytes);

    const byName = new Map(m.tensors.map((x) => [x.name, x]));
    expect(byName.get('encoder.conv1.weight')).toMatchObject({ type: F16, ne: [3, 80, 384] });
    expect(byName.get('encoder.conv1.bias')).toMatchObject({ type: F32, ne: [1, 384] });
    expect(byName.get('encoder.positional_embedding')).toMatchObject({ type: F32, ne: [384, 1500] });
    expect(byName.get('decoder.token_embedding.weight')).toMatchObject({ type: F16, ne: [384, 51864] });
    expect(byName.get('decoder.blocks.3.cross_attn.key.weight')).toMatchObject({ type: F16, ne: [384, 384] });
    expect(byName.has('decoder.blocks.3.cross_attn.key.bias')).toBe(false);
    expect(byName.get('encoder.blocks.0.mlp.2.weight')).toMatchObject({ type: F16, ne: [1536, 384] });
  });

  it('loads in smart-whisper and transcribes 2 s of speech', async () => {
    const { samples } = readWav16kMono(sharedAudio('jfk.wav'));
    const pcm = samples.slice(0, 2 * 16000);
    const model = await WhisperModel.load(modelPath, false);
    try {
      const task = await TranscribeTask.run(model, pcm, {
        language: 'en',
        n_threads: 2,
        strategy: 0, // greedy
        temperature_inc: 0,
        format: 'detail',
        token_timestamps: true,
        max_tokens: 32,
      });
      const segments = await task.result;
      expect(Array.isArray(segments)).toBe(true);
      for (const s of segments) expect(Array.isArray(s.tokens)).toBe(true);
    } finally {
      await model.free();
    }
  });
});
