import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogModel,
  isModelFileName,
  MODEL_CATALOG,
  modelUrl,
} from '../../../src/core/models/modelCatalog';

describe('model catalog', () => {
  it('pins every model by a SHA-256, a positive size and a unique file name', () => {
    expect(MODEL_CATALOG.length).toBeGreaterThanOrEqual(18);
    for (const m of MODEL_CATALOG) {
      expect(m.sha256, m.fileName).toMatch(/^[0-9a-f]{64}$/);
      expect(Number.isSafeInteger(m.sizeBytes) && m.sizeBytes > 0, m.fileName).toBe(true);
      expect(isModelFileName(m.fileName), m.fileName).toBe(true);
      expect(m.notes.length, m.fileName).toBeGreaterThan(10);
    }
    expect(new Set(MODEL_CATALOG.map((m) => m.fileName)).size).toBe(MODEL_CATALOG.length);
    expect(new Set(MODEL_CATALOG.map((m) => m.sha256)).size).toBe(MODEL_CATALOG.length);
  });

  it('has tiny, base and small, English-only and multilingual, with q5_1 and q8_0 variants', () => {
    for (const size of ['tiny', 'base', 'small']) {
      for (const lang of ['.en', '']) {
        for (const variant of ['', '-q5_1', '-q8_0']) {
          expect(catalogModel(`ggml-${size}${lang}${variant}.bin`), `${size}${lang}${variant}`).toBeDefined();
        }
      }
    }
  });

  it('knows which models are English-only from their names', () => {
    expect(catalogModel('ggml-base.en-q5_1.bin')?.multilingual).toBe(false);
    expect(catalogModel('ggml-base-q5_1.bin')?.multilingual).toBe(true);
    expect(catalogModel('ggml-tiny.bin')?.multilingual).toBe(true);
    expect(MODEL_CATALOG.filter((m) => m.recommended).map((m) => m.fileName)).toEqual(['ggml-base.en.bin']);
  });

  // Hugging Face LFS object ids (sha256) and sizes of ggerganov/whisper.cpp's files, as sourced
  // (see the comment in modelCatalog.ts); a typo in the table fails here.
  it.each([
    ['ggml-base.en.bin', 147_964_211, 'a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002'],
    ['ggml-tiny.en.bin', 77_704_715, '921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f'],
    ['ggml-tiny.bin', 77_691_713, 'be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21'],
    [
      'ggml-small.en-q5_1.bin',
      190_098_681,
      'bfdff4894dcb76bbf647d56263ea2a96645423f1669176f4844a1bf8e478ad30',
    ],
    ['ggml-tiny-q5_1.bin', 32_152_673, '818710568da3ca15689e31a743197b520007872ff9576237bda97bd1b469c3d7'],
    ['ggml-tiny.en-q8_0.bin', 43_550_795, '5bc2b3860aa151a4c6e7bb095e1fcce7cf12c7b020ca08dcec0c6d018bb7dd94'],
  ])('pins %s as sourced', (fileName, sizeBytes, sha256) => {
    expect(catalogModel(fileName)).toMatchObject({ sizeBytes, sha256 });
  });

  it('downloads from the whisper.cpp repository on Hugging Face, at the revision the checksums come from', () => {
    expect(modelUrl('ggml-base.en.bin')).toBe(
      'https://huggingface.co/ggerganov/whisper.cpp/resolve/5359861c739e955e79d9a303bcbc70fb988958b1/ggml-base.en.bin',
    );
    expect(modelUrl('ggml-x.bin', 'http://127.0.0.1:9/m/')).toBe('http://127.0.0.1:9/m/ggml-x.bin');
  });

  it('accepts only plain ggml file names, never paths or the VAD model', () => {
    expect(isModelFileName('ggml-base.en.bin')).toBe(true);
    expect(isModelFileName('../ggml-base.en.bin')).toBe(false);
    expect(isModelFileName('ggml-../../x.bin')).toBe(false);
    expect(isModelFileName('ggml-silero-v6.2.0.bin')).toBe(false);
    expect(isModelFileName('model.bin')).toBe(false);
  });

  it('matches docs/models.md: every file, size and source, with source C exactly the f16, q8_0 and q5_0 files', () => {
    const doc = readFileSync(path.join(__dirname, '../../../docs/models.md'), 'utf8');
    const rows = [
      ...doc.matchAll(/^\| (ggml-\S+\.bin) \| ([\d,]+) \| `([0-9a-f]{8})…([0-9a-f]{8})` \| ([^|]+) \|$/gm),
    ];
    expect(rows.map((r) => r[1]).sort()).toEqual(MODEL_CATALOG.map((m) => m.fileName).sort());
    for (const [, fileName, bytes, head, tail, sources] of rows) {
      const m = catalogModel(fileName!)!;
      expect(m.sizeBytes).toBe(Number(bytes!.replaceAll(',', '')));
      expect(m.sha256.startsWith(head!) && m.sha256.endsWith(tail!)).toBe(true);
      const inC = /^A, B, C\b/.test(sources!);
      expect([fileName, inC]).toEqual([fileName, ['f16', 'q8_0', 'q5_0'].includes(m.quantisation)]);
    }
    expect(doc).toContain('every f16, q8_0 and q5_0 file');
    const header = readFileSync(path.join(__dirname, '../../../src/core/models/modelCatalog.ts'), 'utf8');
    expect(header).toContain('every f16, q8_0 and q5_0 value below');
  });
});
