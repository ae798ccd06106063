// `coach analyze <audio> --transcript <words.json>` on a synthesised answer whose truth is known, and
// `coach <command> --help` for every command. Needs espeak-ng and sox (see .ci/run): a missing tool fails.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/coach';
import { ensureCoachingFixtures, FIXTURE_SPECS, type FixtureTruth } from '../../scripts/makeCoachingFixtures';
import { tempDir } from '../helpers/fixtures';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('coach analyze <audio> --transcript', () => {
  let truth: FixtureTruth;
  let dataDir: string;
  let work: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    const specs = FIXTURE_SPECS.filter((s) => s.name === 'fillers-us-male');
    truth = (await ensureCoachingFixtures({ specs }))[0]!;
  }, 300_000);
  beforeEach(() => {
    dataDir = tempDir('coach-cli-transcript-');
    work = tempDir('coach-cli-work-');
    process.env.COACH_DATA_DIR = dataDir;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  const writeJson = (name: string, content: string): string => {
    const file = path.join(work, name);
    writeFileSync(file, content);
    return file;
  };

  it('reports the words, pace and the filled pauses the transcript lacks, with their times', async () => {
    // The transcript a recogniser gives: the words, no "um"s.
    const words = writeJson('words.json', JSON.stringify(truth.words));
    const run = capture();
    expect(
      await main(['analyze', truth.wavPath, '--transcript', words, '--json'], run.io),
      run.err.join('\n'),
    ).toBe(0);
    const report = JSON.parse(run.out.join('\n'));
    expect(Object.keys(report)).toEqual(['durationSec', 'text', 'words', 'report']);
    expect(report.durationSec).toBeCloseTo(truth.durationSec, 1);
    expect(report.words).toHaveLength(truth.words.length);
    expect(report.report.pace.wordsPerMinute).toBeCloseTo(truth.wordsPerMinute, -1);
    const found = report.report.coaching.filledPauseCandidates as { startSec: number; endSec: number }[];
    const hits = truth.fillers.filter((f) =>
      found.some((c) => c.startSec < f.endSec && c.endSec > f.startSec),
    );
    expect(hits.length).toBeGreaterThanOrEqual(Math.ceil(truth.fillers.length * 0.7));
    expect(report.report.coaching.voice).not.toBeNull();
    // Nothing was saved.
    const list = capture();
    await main(['sessions', '--json'], list.io);
    expect(JSON.parse(list.out.join('\n'))).toEqual([]);
  });

  it('refuses a transcript that does not fit the recording, malformed JSON and an empty file, saving nothing', async () => {
    const cases: [string, string, RegExp][] = [
      [
        'long.json',
        JSON.stringify([
          ...truth.words,
          { text: 'later', startSec: truth.durationSec + 30, endSec: truth.durationSec + 31 },
        ]),
        /runs to \d+\.\d s but the recording is only \d+\.\d s long/,
      ],
      ['broken.json', '[{"text": "so", "startSec": 0,', /is not valid JSON/],
      ['empty.json', '', /is empty/],
      ['shape.json', '{"words": 3}', /not a word-timed transcript/],
    ];
    for (const [name, content, message] of cases) {
      const run = capture();
      expect(
        await main(['analyze', truth.wavPath, '--transcript', writeJson(name, content)], run.io),
        name,
      ).toBe(1);
      expect(run.err.join('\n'), name).toMatch(message);
      expect(run.out, name).toEqual([]);
    }
    const list = capture();
    await main(['sessions', '--json'], list.io);
    expect(JSON.parse(list.out.join('\n'))).toEqual([]);
    // No audio was copied into the data folder either.
    const audioDir = path.join(dataDir, 'audio');
    expect(existsSync(audioDir) ? readdirSync(audioDir) : []).toEqual([]);
  });
});

describe('coach <command> --help', () => {
  it('prints the usage of every command and exits 0', async () => {
    for (const command of ['analyze', 'recover', 'sessions', 'serve', 'export', 'import']) {
      for (const flag of ['--help', '-h']) {
        const run = capture();
        expect(await main([command, flag], run.io), `${command} ${flag}`).toBe(0);
        expect(run.out.join('\n'), command).toMatch(new RegExp(`^Usage:\\n\\s+coach ${command}`));
        expect(run.err, command).toEqual([]);
      }
    }
  });
});
