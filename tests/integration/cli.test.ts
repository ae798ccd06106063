// `coach` end to end on the real engine (synthetic model) and real recordings.
import { copyFileSync, mkdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/coach';
import { SettingsStore } from '../../src/core/settings/settingsStore';
import { sharedAudio, tempDir } from '../helpers/fixtures';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('coach CLI', () => {
  const model = inject('syntheticModelPath');
  let dataDir: string;
  const saved = { ...process.env };

  beforeEach(() => {
    dataDir = tempDir('coach-cli-');
    process.env.COACH_DATA_DIR = dataDir;
    process.env.COACH_WHISPER_MODEL = model;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('analyze --json prints words, timings, pace and fillers, and the session shows in `coach sessions`', async () => {
    const a = capture();
    expect(await main(['analyze', sharedAudio('librivox-0880.wav'), '--json'], a.io)).toBe(0);
    const report = JSON.parse(a.out.join('\n'));
    expect(report.saved).toBe(true);
    expect(report.durationSec).toBeCloseTo(2.99, 1);
    expect(Array.isArray(report.words)).toBe(true);
    expect(report.report.pace).toHaveProperty('wordsPerMinute');
    expect(report.report).toHaveProperty('fillers');
    expect(report.audioPath.startsWith(dataDir)).toBe(true);
    expect(report.report.coaching.score.total).toBeGreaterThanOrEqual(0);
    expect(report.report.coaching.voice.medianPitchHz).toBeGreaterThan(0);
    expect(Array.isArray(report.report.coaching.suggestions)).toBe(true);

    const s = capture();
    expect(await main(['sessions', '--json'], s.io)).toBe(0);
    expect(JSON.parse(s.out.join('\n')).map((x: { id: string }) => x.id)).toEqual([report.sessionId]);
  });

  it('analyze --no-save leaves no session behind; the text report is readable', async () => {
    const a = capture();
    expect(await main(['analyze', sharedAudio('librivox-0880.wav'), '--no-save'], a.io)).toBe(0);
    expect(a.out.join('\n')).toMatch(/Pace\s+\d+ words\/min[\s\S]*Transcript:/);
    const s = capture();
    await main(['sessions'], s.io);
    expect(s.out.join('\n')).toMatch(/No saved sessions yet/);
  });

  it('analyze uses the model chosen in Settings, also with --no-save', async () => {
    delete process.env.COACH_WHISPER_MODEL;
    const modelsDir = path.join(dataDir, 'models');
    mkdirSync(modelsDir, { recursive: true });
    // Without a choice the app would take ggml-tiny.en.bin (it ranks above an unknown name).
    symlinkSync(model, path.join(modelsDir, 'ggml-tiny.en.bin'));
    symlinkSync(model, path.join(modelsDir, 'ggml-chosen.bin'));
    const settings = SettingsStore.inDataDir(dataDir);
    settings.update({ speech: { model: 'ggml-chosen.bin', language: 'en' } });

    const chosen = capture();
    expect(await main(['analyze', sharedAudio('librivox-0880.wav'), '--json', '--no-save'], chosen.io)).toBe(
      0,
    );
    const report = JSON.parse(chosen.out.join('\n'));
    expect(report.model).toBe(path.join(modelsDir, 'ggml-chosen.bin'));
    expect(report.saved).toBe(false);
    const s = capture();
    await main(['sessions', '--json'], s.io);
    expect(JSON.parse(s.out.join('\n'))).toEqual([]);

    settings.update({ speech: { model: null } });
    const picked = capture();
    expect(await main(['analyze', sharedAudio('librivox-0880.wav'), '--json', '--no-save'], picked.io)).toBe(
      0,
    );
    expect(JSON.parse(picked.out.join('\n')).model).toBe(path.join(modelsDir, 'ggml-tiny.en.bin'));
  });

  it('decodes compressed formats with ffmpeg (ogg)', async () => {
    const { spawnSync } = await import('node:child_process');
    const { ffmpegPath } = await import('../../src/core/audio/decodeFile');
    const ogg = path.join(tempDir(), 'answer.ogg');
    const r = spawnSync(ffmpegPath(), [
      '-v',
      'error',
      '-i',
      sharedAudio('librivox-0880.wav'),
      '-ar',
      '44100',
      '-c:a',
      'libvorbis',
      ogg,
    ]);
    expect(r.status).toBe(0);
    const a = capture();
    expect(await main(['analyze', ogg, '--json', '--no-save'], a.io)).toBe(0);
    expect(JSON.parse(a.out.join('\n')).durationSec).toBeCloseTo(2.99, 1);
  });

  it('analyze --transcript scores our own word-timed JSON without the engine', async () => {
    const file = path.join(tempDir(), 't.json');
    writeFileSync(
      file,
      JSON.stringify([
        { text: 'Um,', startSec: 0, endSec: 0.3 },
        { text: 'I', startSec: 0.5, endSec: 0.6 },
        { text: 'like', startSec: 0.6, endSec: 0.8 },
        { text: 'Python.', startSec: 0.8, endSec: 1.2 },
        { text: 'Really.', startSec: 4, endSec: 4.5 },
      ]),
    );
    const a = capture();
    expect(await main(['analyze', '--transcript', file, '--json'], a.io)).toBe(0);
    const report = JSON.parse(a.out.join('\n'));
    expect(report.report.fillerCount).toBe(1);
    expect(report.report.fillers[0].text).toBe('um');
    expect(report.report.longPauses).toHaveLength(1);
    expect(report.report.coaching.voice).toBeNull();
    expect(report.report.coaching.structure).toBeNull();
    expect(report.report.coaching.score.breakdown.map((p: { id: string }) => p.id)).not.toContain('delivery');
  });

  it('analyze --transcript --question-id checks the structure and prints the full report', async () => {
    const file = path.join(tempDir(), 't.json');
    const text =
      'At my last company I was responsible for billing. Um, I decided to rewrite the job. ' +
      'I think it worked. As a result we saved two days a month.';
    writeFileSync(
      file,
      JSON.stringify(
        text.split(' ').map((t, i) => ({ text: t, startSec: i * 0.45, endSec: i * 0.45 + 0.35 })),
      ),
    );
    const json = capture();
    expect(
      await main(['analyze', '--transcript', file, '--json', '--question-id', 'beh-deadline'], json.io),
    ).toBe(0);
    const report = JSON.parse(json.out.join('\n'));
    expect(report.report.coaching.structure.missing).toEqual([]);
    expect(report.report.coaching.language.hedges[0].text).toBe('i think');

    const plain = capture();
    expect(
      await main(
        ['analyze', '--transcript', file, '--question-id', 'beh-deadline', '--target', '20-40'],
        plain.io,
      ),
    ).toBe(0);
    const out = plain.out.join('\n');
    expect(out).toMatch(/Score\s+\d+ \/ 100/);
    expect(out).toMatch(/Suggestions:\n\s+1\. /);
    expect(out).toMatch(/Structure \(STAR\):[\s\S]*✓ result/);
    expect(out).toMatch(/\[Um,\][\s\S]*\{I\u00a0think\}/);
    expect(out).toMatch(/against 20–40 s/);

    const bad = capture();
    expect(await main(['analyze', '--transcript', file, '--question-id', 'nope'], bad.io)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/No question with id nope/);
  });

  it('explains unreadable audio, a missing file and a corrupt model without crashing', async () => {
    const junk = path.join(tempDir(), 'junk.mp3');
    writeFileSync(junk, Buffer.from('definitely not audio'.repeat(100)));
    const a = capture();
    expect(await main(['analyze', junk, '--no-save'], a.io)).toBe(1);
    expect(a.err.join('\n')).toMatch(/Could not decode .*junk\.mp3/);

    const b = capture();
    expect(await main(['analyze', '/no/such/file.wav'], b.io)).toBe(1);
    expect(b.err.join('\n')).toMatch(/not found/);

    const broken = path.join(tempDir(), 'ggml-broken.bin');
    copyFileSync(model, broken);
    truncateSync(broken, Math.floor(statSync(broken).size / 2));
    const c = capture();
    expect(await main(['analyze', sharedAudio('librivox-0880.wav'), '--model', broken], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/truncated/);
    const s = capture();
    await main(['sessions', '--json'], s.io);
    expect(JSON.parse(s.out.join('\n'))).toEqual([]);
  });

  it('says exactly what to do when no model is installed', async () => {
    delete process.env.COACH_WHISPER_MODEL;
    const a = capture();
    expect(await main(['analyze', sharedAudio('librivox-0880.wav')], a.io)).toBe(1);
    expect(a.err.join('\n')).toMatch(/No Whisper model found[\s\S]*ggml-base\.en\.bin[\s\S]*models/);
  });

  it('prints usage for unknown commands', async () => {
    const a = capture();
    expect(await main(['frobnicate'], a.io)).toBe(2);
    expect(a.err.join('\n')).toMatch(/Usage:/);
  });
});
