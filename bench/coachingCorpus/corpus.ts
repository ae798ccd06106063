// The generalisation corpus: every voice speaks two answers from each script set, at one of three speeds,
// through one of six room/microphone conditions. Rendered once and cached under .cache/coaching-corpus
// (about 70 answers, 25 MB): a change to the plan or the generator renders only what changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AUGMENTATIONS,
  readTruth,
  renderAnswer,
  writeTruth,
  type AnswerTruth,
  type RenderRequest,
} from './renderAnswer';
import { answersOf, SCRIPT_SETS } from './scripts';
import { Synthesiser, VOICES } from './synthesis';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_DIR = path.join(ROOT, '.cache', 'coaching-corpus');
/** Bump when rendering changes, so cached answers are rebuilt (per engine: only what changed). */
const GENERATOR_VERSION: Record<string, number> = { 'espeak-ng': 1, flite: 2, festival: 2 };
const SENTENCES_PER_ANSWER = 4;
const ANSWERS_PER_SET_PER_VOICE = 2;
/** The tuning set written later ("retro"), rendered more often: training data for the acoustic classifier. */
const LATER_TUNING_SET = 'retro';
const LATER_TUNING_ANSWERS_PER_VOICE = 4;
export const RATES = [0.85, 1, 1.2] as const;
/** The CPU is shared: at most this many answers render at once. */
const PARALLEL_RENDERS = 2;

export function corpusPlan(dir = CORPUS_DIR): RenderRequest[] {
  const plan: RenderRequest[] = [];
  let n = 0;
  // The first three sets keep their place in the plan, so their answers (held-out ones included) render
  // the same as before the later tuning set was added after them.
  const passes = [
    { sets: SCRIPT_SETS.filter((s) => s.name !== LATER_TUNING_SET), perVoice: ANSWERS_PER_SET_PER_VOICE },
    {
      sets: SCRIPT_SETS.filter((s) => s.name === LATER_TUNING_SET),
      perVoice: LATER_TUNING_ANSWERS_PER_VOICE,
    },
  ];
  for (const pass of passes) {
    for (const [v, voice] of VOICES.entries()) {
      for (const set of pass.sets) {
        const answers = answersOf(set, SENTENCES_PER_ANSWER);
        for (let k = 0; k < pass.perVoice; k += 1) {
          const a = (v * pass.perVoice + k) % answers.length;
          plan.push({
            id: `${voice.id}-${set.name}-${a}`,
            voice,
            rate: RATES[(v + k + a) % RATES.length]!,
            scriptSet: set.name,
            markup: answers[a]!,
            augmentation: AUGMENTATIONS[n % AUGMENTATIONS.length]!,
            seed: 1000 + n,
            dir,
          });
          n += 1;
        }
      }
    }
  }
  return plan;
}

export async function ensureCorpus(
  options: { dir?: string; log?: (line: string) => void; filter?: (r: RenderRequest) => boolean } = {},
): Promise<AnswerTruth[]> {
  const dir = options.dir ?? CORPUS_DIR;
  mkdirSync(dir, { recursive: true });
  const plan = corpusPlan(dir).filter(options.filter ?? (() => true));
  const out: AnswerTruth[] = new Array(plan.length);
  const synths = Array.from({ length: PARALLEL_RENDERS }, () => new Synthesiser());
  let next = 0;
  let built = 0;
  try {
    await Promise.all(
      synths.map(async (synth) => {
        while (next < plan.length) {
          const index = next++;
          const req = plan[index]!;
          const hash = createHash('sha256')
            .update(
              JSON.stringify({
                ...req,
                dir: undefined,
                GENERATOR_VERSION: GENERATOR_VERSION[req.voice.engine],
              }),
            )
            .digest('hex')
            .slice(0, 16);
          const jsonPath = path.join(dir, `${req.id}.json`);
          if (existsSync(jsonPath)) {
            const cached = readTruth(jsonPath) as AnswerTruth & { hash?: string };
            if (cached.hash === hash && existsSync(cached.wavPath)) {
              out[index] = cached;
              continue;
            }
          }
          const truth = await renderAnswer(synth, req);
          writeTruth(jsonPath, { ...truth, hash });
          out[index] = truth;
          built += 1;
          options.log?.(`rendered ${req.id} (${built} new, ${index + 1}/${plan.length})`);
        }
      }),
    );
  } finally {
    for (const synth of synths) synth.dispose();
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const truths = await ensureCorpus({ log: (line) => console.log(line) });
  console.log(`${truths.length} answers in ${CORPUS_DIR}`);
}
