import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EngineHost } from '../../../src/core/asr/engineHost';
import type { TranscribeOptions, Transcriber } from '../../../src/core/asr/transcriber';
import { ModelManager, type ModelManagerDeps } from '../../../src/core/models/modelManager';
import {
  deleteModelFile,
  importedFileName,
  importModelFile,
  listInstalledModels,
  ModelStoreError,
  partialDownloads,
  quantisationOf,
  sweepStaleImports,
} from '../../../src/core/models/modelStore';
import { SettingsStore } from '../../../src/core/settings/settingsStore';
import type { ModelDownloadProgress } from '../../../src/shared/modelsContract';
import { tempDir } from '../../helpers/fixtures';
import { FTYPE_Q5_1, writeFakeGgmlModel } from '../../helpers/fakeGgmlModel';

function folders() {
  const root = tempDir('coach-models-');
  const modelsDir = path.join(root, 'models');
  mkdirSync(modelsDir);
  const outside = path.join(root, 'downloads');
  mkdirSync(outside);
  return { root, modelsDir, outside };
}

describe('model store', () => {
  it('lists installed models with size, languages and quantisation, and flags a corrupt one', () => {
    const { modelsDir } = folders();
    writeFakeGgmlModel(path.join(modelsDir, 'ggml-base.en.bin'));
    writeFakeGgmlModel(path.join(modelsDir, 'ggml-small-q5_1.bin'), {
      multilingual: true,
      ftype: FTYPE_Q5_1,
    });
    writeFileSync(path.join(modelsDir, 'ggml-broken.bin'), Buffer.alloc(100, 1));
    writeFileSync(path.join(modelsDir, 'ggml-silero-v6.2.0.bin'), 'vad');
    writeFileSync(path.join(modelsDir, 'ggml-tiny.en.bin.part'), Buffer.alloc(1234));
    const models = listInstalledModels(modelsDir);
    expect(models.map((m) => m.fileName)).toEqual([
      'ggml-base.en.bin',
      'ggml-broken.bin',
      'ggml-small-q5_1.bin',
    ]);
    expect(models[0]?.info).toMatchObject({ multilingual: false, quantisation: 'f16', sizeName: 'tiny' });
    expect(models[2]?.info).toMatchObject({ multilingual: true, quantisation: 'q5_1' });
    expect(models[1]).toMatchObject({
      info: null,
      problem: expect.stringMatching(/not a whisper\.cpp ggml model/),
    });
    expect(partialDownloads(modelsDir)).toEqual(new Map([['ggml-tiny.en.bin', 1234]]));
  });

  it('names quantisations from whisper.cpp ftypes', () => {
    expect(quantisationOf(0)).toBe('f32');
    expect(quantisationOf(1)).toBe('f16');
    expect(quantisationOf(1007)).toBe('q8_0');
    expect(quantisationOf(2008)).toBe('q5_0');
    expect(quantisationOf(1009)).toBe('q5_1');
    expect(quantisationOf(42)).toBe('unknown');
  });

  it('imports a valid model by copying it, and refuses a second copy of the same name', async () => {
    const { modelsDir, outside } = folders();
    const source = writeFakeGgmlModel(path.join(outside, 'ggml-base.bin'), { multilingual: true });
    const imported = await importModelFile(source, modelsDir);
    expect(imported).toMatchObject({ fileName: 'ggml-base.bin', info: { multilingual: true } });
    expect(readFileSync(path.join(modelsDir, 'ggml-base.bin')).equals(readFileSync(source))).toBe(true);
    expect(existsSync(source)).toBe(true);
    await expect(importModelFile(source, modelsDir)).rejects.toThrow(/already installed/);
    expect(readdirSync(modelsDir)).toEqual(['ggml-base.bin']);
  });

  it('gives an imported file a model name when it has none', async () => {
    expect(importedFileName('/x/My Whisper (fine-tuned).bin')).toBe('ggml-My-Whisper-fine-tuned-.bin');
    const { modelsDir, outside } = folders();
    const source = writeFakeGgmlModel(path.join(outside, 'whisper-tiny.bin'));
    expect((await importModelFile(source, modelsDir)).fileName).toBe('ggml-whisper-tiny.bin');
  });

  it('refuses a truncated or foreign file before copying anything', async () => {
    const { modelsDir, outside } = folders();
    const truncated = writeFakeGgmlModel(path.join(outside, 'ggml-cut.bin'));
    truncateSync(truncated, 150);
    await expect(importModelFile(truncated, modelsDir)).rejects.toThrow(
      /ggml-cut\.bin is not a usable Whisper model: .*truncated/,
    );
    const foreign = path.join(outside, 'ggml-photo.bin');
    writeFileSync(foreign, Buffer.alloc(4096, 0xff));
    await expect(importModelFile(foreign, modelsDir)).rejects.toThrow(ModelStoreError);
    await expect(importModelFile(path.join(outside, 'nope.bin'), modelsDir)).rejects.toThrow(/Cannot import/);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it.each([
    ['an incomplete vocabulary', { vocabTokens: 1000 }, /incomplete vocabulary: 1000 tokens/],
    ['a missing tensor', { dropTensor: 'encoder.ln_post.bias' }, /missing tensor "encoder\.ln_post\.bias"/],
    [
      'a mis-shaped tensor',
      { reshape: { name: 'decoder.positional_embedding', ne: [384, 100] } },
      /tensor "decoder\.positional_embedding" has shape \[384, 100\]/,
    ],
  ] as const)('refuses a model with %s at import, copying nothing', async (_, damage, message) => {
    const { modelsDir, outside } = folders();
    const source = writeFakeGgmlModel(path.join(outside, 'ggml-broken.bin'), { damage });
    await expect(importModelFile(source, modelsDir)).rejects.toThrow(message);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('deletes a model and its unfinished download', async () => {
    const { modelsDir } = folders();
    writeFakeGgmlModel(path.join(modelsDir, 'ggml-base.en.bin'));
    writeFileSync(path.join(modelsDir, 'ggml-base.en.bin.part'), 'x');
    await deleteModelFile(modelsDir, 'ggml-base.en.bin');
    expect(readdirSync(modelsDir)).toEqual([]);
    await expect(deleteModelFile(modelsDir, 'ggml-base.en.bin')).rejects.toThrow(/not installed/);
    await expect(deleteModelFile(modelsDir, '../settings.json')).rejects.toThrow(/not a model file name/);
  });
});

/** An engine whose loads and passes are recorded instead of run. */
function fakeEngine(modelsDir: string, settings: SettingsStore, envModelPath?: string) {
  const loads: string[] = [];
  const passes: TranscribeOptions[] = [];
  const engine = new EngineHost({
    modelsDir,
    modelPath: envModelPath,
    load: async (modelPath): Promise<Transcriber> => {
      loads.push(path.basename(modelPath));
      return {
        transcribe: async (_audio, options = {}) => {
          passes.push(options);
          return { words: [], text: '', computeMs: 0 };
        },
        dispose: async () => undefined,
      };
    },
  });
  engine.configure({
    preferredModel: () => settings.get().speech.model,
    language: () => settings.get().speech.language,
  });
  return { engine, loads, passes };
}

type ManagerOptions = {
  envModelPath?: string;
  recording?: boolean;
  baseUrl?: string;
  download?: ModelManagerDeps['download'];
  log?: (line: string) => void;
  /** Files to put in the models folder before the manager starts. */
  before?: (modelsDir: string) => void;
};

function manager(opts: ManagerOptions = {}) {
  const { root, modelsDir, outside } = folders();
  const settingsFile = path.join(root, 'settings.json');
  const settings = new SettingsStore(settingsFile);
  const { engine, loads, passes } = fakeEngine(modelsDir, settings, opts.envModelPath);
  opts.before?.(modelsDir);
  const models = new ModelManager({
    modelsDir,
    settings,
    engine,
    isRecording: () => opts.recording ?? false,
    envModelPath: opts.envModelPath,
    baseUrl: opts.baseUrl,
    downloadOptions: { progressIntervalMs: 0 },
    ...(opts.download ? { download: opts.download } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  return { models, engine, loads, passes, settings, settingsFile, modelsDir, outside };
}

describe('model manager', () => {
  it('sets the active model: saved in settings, and the engine reloads with it', async () => {
    const m = manager();
    writeFakeGgmlModel(path.join(m.modelsDir, 'ggml-base.en.bin'));
    writeFakeGgmlModel(path.join(m.modelsDir, 'ggml-tiny.bin'), { multilingual: true });
    await m.engine.transcriber();
    expect(m.loads).toEqual(['ggml-base.en.bin']); // the app's own preference
    expect(m.models.overview()).toMatchObject({ activeFile: 'ggml-base.en.bin', activeChosen: false });

    const overview = await m.models.setActive('ggml-tiny.bin');
    await m.engine.transcriber();
    expect(m.loads).toEqual(['ggml-base.en.bin', 'ggml-tiny.bin']);
    expect(m.engine.status).toMatchObject({
      state: 'ready',
      modelPath: path.join(m.modelsDir, 'ggml-tiny.bin'),
    });
    expect(overview).toMatchObject({
      activeFile: 'ggml-tiny.bin',
      activeChosen: true,
      activeMultilingual: true,
    });
    expect(overview.rows.find((r) => r.active)?.fileName).toBe('ggml-tiny.bin');
    expect(JSON.parse(readFileSync(m.settingsFile, 'utf8')).speech.model).toBe('ggml-tiny.bin');
    // A fresh start (new settings store, new engine) loads the saved choice.
    const again = fakeEngine(m.modelsDir, new SettingsStore(m.settingsFile));
    await again.engine.transcriber();
    expect(again.loads).toEqual(['ggml-tiny.bin']);
    // "Restore defaults" (the coaching settings) keeps the model choice.
    expect(m.settings.reset().speech.model).toBe('ggml-tiny.bin');
  });

  it('passes the language setting to every pass', async () => {
    const m = manager();
    writeFakeGgmlModel(path.join(m.modelsDir, 'ggml-base.bin'), { multilingual: true });
    m.settings.update({ speech: { language: 'fr' } });
    const transcriber = await m.engine.transcriber();
    await transcriber.transcribe(new Float32Array(16));
    m.settings.update({ speech: { language: 'auto' } });
    await transcriber.transcribe(new Float32Array(16), { thorough: true });
    expect(m.passes).toEqual([{ language: 'fr' }, { language: 'auto', thorough: true }]);
    expect(() => m.settings.update({ speech: { language: 'klingon' } })).toThrow(/not a language/);
  });

  it('lets COACH_WHISPER_MODEL win over the choice made in Settings', async () => {
    const root = tempDir('coach-env-');
    const envModel = writeFakeGgmlModel(path.join(root, 'ggml-custom.bin'));
    const m = manager({ envModelPath: envModel });
    writeFakeGgmlModel(path.join(m.modelsDir, 'ggml-tiny.bin'), { multilingual: true });
    const overview = await m.models.setActive('ggml-tiny.bin');
    await m.engine.transcriber();
    expect(m.loads).toEqual(['ggml-custom.bin']);
    expect(overview.envOverride).toBe(envModel);
    expect(m.settings.get().speech.model).toBe('ggml-tiny.bin');
  });

  it('refuses to switch or delete the active model while recording, and unknown models', async () => {
    const m = manager({ recording: true });
    writeFakeGgmlModel(path.join(m.modelsDir, 'ggml-base.en.bin'));
    await m.engine.transcriber();
    await expect(m.models.setActive('ggml-base.en.bin')).rejects.toThrow(/Stop recording/);
    await expect(m.models.deleteModel('ggml-base.en.bin')).rejects.toThrow(
      /in use by the answer being recorded/,
    );
    expect(existsSync(path.join(m.modelsDir, 'ggml-base.en.bin'))).toBe(true);
    const idle = manager();
    await expect(idle.models.setActive('ggml-nothere.bin')).rejects.toThrow(/not installed/);
  });

  it('deletes the active model and falls back to another one', async () => {
    const m = manager();
    writeFakeGgmlModel(path.join(m.modelsDir, 'ggml-base.en.bin'));
    writeFakeGgmlModel(path.join(m.modelsDir, 'ggml-tiny.en.bin'));
    await m.models.setActive('ggml-tiny.en.bin');
    await m.engine.transcriber();
    const overview = await m.models.deleteModel('ggml-tiny.en.bin');
    await m.engine.transcriber();
    expect(m.settings.get().speech.model).toBeNull();
    expect(m.loads.at(-1)).toBe('ggml-base.en.bin');
    expect(overview.rows.find((r) => r.fileName === 'ggml-tiny.en.bin')?.installed).toBeNull();
  });

  it('on a first run, loads an imported model straight away', async () => {
    const m = manager();
    await expect(m.engine.transcriber()).rejects.toThrow(/No Whisper model found/);
    expect(m.models.overview().activeFile).toBeNull();
    const source = writeFakeGgmlModel(path.join(m.outside, 'ggml-small.en.bin'));
    const overview = await m.models.importModel(source);
    await m.engine.transcriber();
    expect(m.loads).toEqual(['ggml-small.en.bin']);
    expect(overview.rows.find((r) => r.fileName === 'ggml-small.en.bin')).toMatchObject({
      installed: { multilingual: false },
      catalog: { sizeBytes: 487_614_201 },
    });
  });

  it('pushes download progress and a clear error when the server offers the wrong file', async () => {
    const http = await import('node:http');
    const body = Buffer.alloc(64 * 1024, 7);
    const server = http.createServer((_req, res) =>
      res.writeHead(200, { 'Content-Length': body.length }).end(body),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      const m = manager({ baseUrl: `http://127.0.0.1:${port}` });
      const events: ModelDownloadProgress[] = [];
      m.models.onDownload((p) => events.push(p));
      const started = m.models.startDownload('ggml-tiny.en.bin');
      expect(started.downloads).toEqual([expect.objectContaining({ fileName: 'ggml-tiny.en.bin' })]);
      expect(() => m.models.startDownload('ggml-tiny.en.bin')).toThrow(/already downloading/);
      expect(() => m.models.startDownload('ggml-mine.bin')).toThrow(/not in the model catalog/);
      await m.models.idle();
      expect(events.map((e) => e.state)).toContain('downloading');
      expect(events.at(-1)).toMatchObject({
        fileName: 'ggml-tiny.en.bin',
        state: 'error',
        message: expect.stringMatching(/offered 0\.1 MB for ggml-tiny\.en\.bin, not the expected 77\.7 MB/),
      });
      expect(readdirSync(m.modelsDir)).toEqual([]);
      expect(m.models.overview().downloads).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('survives a finished download whose follow-up fails: an error state, logged, never a rejection', async () => {
    const lines: string[] = [];
    const m = manager({
      log: (line) => lines.push(line),
      download: async (req) => {
        req.onProgress?.({ state: 'downloading', receivedBytes: 1, totalBytes: 2, bytesPerSec: 1 });
        return writeFakeGgmlModel(path.join(req.modelsDir, req.fileName));
      },
    });
    await expect(m.engine.transcriber()).rejects.toThrow(/No Whisper model found/); // first run
    vi.spyOn(m.settings, 'update').mockImplementation(() => {
      throw new Error('EROFS: read-only file system');
    });
    const events: ModelDownloadProgress[] = [];
    m.models.onDownload((p) => events.push(p));
    m.models.startDownload('ggml-tiny.en.bin');
    await expect(m.models.idle()).resolves.toBeUndefined();
    expect(events.at(-1)).toMatchObject({
      fileName: 'ggml-tiny.en.bin',
      state: 'error',
      message: expect.stringMatching(/was downloaded, but could not be made the active model: EROFS/),
    });
    expect(lines.some((l) => l.includes('EROFS'))).toBe(true);
    expect(m.models.overview().downloads).toEqual([]);
  });

  it('isolates a throwing download listener from the download and from the other listeners', async () => {
    const lines: string[] = [];
    const m = manager({
      log: (line) => lines.push(line),
      download: async (req) => {
        req.onProgress?.({ state: 'downloading', receivedBytes: 1, totalBytes: 2, bytesPerSec: 1 });
        return writeFakeGgmlModel(path.join(req.modelsDir, req.fileName));
      },
    });
    m.models.onDownload(() => {
      throw new Error('renderer gone');
    });
    const events: ModelDownloadProgress[] = [];
    m.models.onDownload((p) => events.push(p));
    m.models.startDownload('ggml-tiny.en.bin');
    await expect(m.models.idle()).resolves.toBeUndefined();
    expect(events.map((e) => e.state)).toEqual(['downloading', 'downloading', 'done']);
    expect(lines.filter((l) => l.includes('listener failed: renderer gone'))).toHaveLength(3);
    expect(m.models.overview().rows.find((r) => r.fileName === 'ggml-tiny.en.bin')?.installed).not.toBeNull();
  });

  it('refuses to import a model while a download of the same name runs', async () => {
    let finish = () => undefined as void;
    const m = manager({
      download: (req) =>
        new Promise((resolve) => {
          finish = () => resolve(writeFakeGgmlModel(path.join(req.modelsDir, req.fileName)));
        }),
    });
    const source = writeFakeGgmlModel(path.join(m.outside, 'ggml-base.en.bin'), { multilingual: false });
    m.models.startDownload('ggml-base.en.bin');
    await expect(m.models.importModel(source)).rejects.toThrow(
      /ggml-base\.en\.bin is downloading; cancel the download .* before importing/,
    );
    expect(readdirSync(m.modelsDir)).toEqual([]);
    finish();
    await m.models.idle();
    expect(readdirSync(m.modelsDir)).toEqual(['ggml-base.en.bin']);
  });

  it('never lets an import replace a file that appeared while it was copying', async () => {
    const { modelsDir, outside } = folders();
    const source = writeFakeGgmlModel(path.join(outside, 'ggml-base.bin'), { multilingual: true });
    const importing = importModelFile(source, modelsDir);
    // The download (or another import) wins the race: its file is there when the copy is renamed.
    writeFileSync(path.join(modelsDir, 'ggml-base.bin'), 'the other install');
    await expect(importing).rejects.toThrow(/already installed|installed meanwhile/);
    expect(readFileSync(path.join(modelsDir, 'ggml-base.bin'), 'utf8')).toBe('the other install');
    expect(readdirSync(modelsDir)).toEqual(['ggml-base.bin']);
  });

  it('removes copies left by an import that crashed, at start, but not those of a live import', () => {
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max: never a running process
    const lines: string[] = [];
    const m = manager({
      log: (line) => lines.push(line),
      before: (dir) => {
        writeFileSync(path.join(dir, `ggml-base.bin.import-${deadPid}.tmp`), 'half a copy');
        writeFileSync(path.join(dir, `ggml-small.bin.import-${process.pid}.tmp`), 'copying now');
        writeFileSync(path.join(dir, 'notes.import-1.tmp'), 'not ours');
      },
    });
    expect(readdirSync(m.modelsDir).sort()).toEqual([
      `ggml-small.bin.import-${process.pid}.tmp`,
      'notes.import-1.tmp',
    ]);
    expect(lines).toEqual([`[coach] removed stale ggml-base.bin.import-${deadPid}.tmp`]);
    expect(sweepStaleImports(path.join(m.modelsDir, 'missing'))).toEqual([]);
  });

  it('shows the active model deleted outside the app as a problem instead of failing', async () => {
    const m = manager();
    writeFakeGgmlModel(path.join(m.modelsDir, 'ggml-mine.bin'), { multilingual: true });
    await m.engine.transcriber();
    expect(m.models.overview()).toMatchObject({ activeFile: 'ggml-mine.bin', activeMultilingual: true });
    rmSync(path.join(m.modelsDir, 'ggml-mine.bin'));
    const overview = m.models.overview();
    expect(overview).toMatchObject({ activeFile: 'ggml-mine.bin', activeMultilingual: false });
    expect(overview.rows.find((r) => r.fileName === 'ggml-mine.bin')).toMatchObject({
      active: true,
      installed: null,
      problem: expect.stringMatching(/ggml-mine\.bin cannot be read: .*/),
    });
  });

  it('reloads the engine on request (the engine notice\'s "Try again"), not while recording', async () => {
    const m = manager();
    await expect(m.engine.transcriber()).rejects.toThrow(/No Whisper model found/);
    writeFakeGgmlModel(path.join(m.modelsDir, 'ggml-base.en.bin'));
    const overview = await m.models.reloadEngine();
    expect(m.engine.status.state).toBe('ready');
    expect(overview.activeFile).toBe('ggml-base.en.bin');
    expect(m.loads).toEqual(['ggml-base.en.bin']);
    const busy = manager({ recording: true });
    await expect(busy.models.reloadEngine()).rejects.toThrow(/Stop recording/);
  });
});
