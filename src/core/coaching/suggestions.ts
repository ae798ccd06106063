// Two to four suggestions written for the speaker: each names what happened, with numbers and times
// from this answer, and one thing to try. The weakest aspects come first; if the answer had fewer than
// two problems, what went well fills the rest, because knowing what to keep matters too.
import type {
  CoachingAnalysis,
  FillerHit,
  PaceAnalysis,
  ScoreComponentId,
  StarPart,
  Suggestion,
} from '../../shared/domain';
import { COMFORTABLE_WPM } from './answerScore';
import { timeLabel } from './timeLabel';

export const MIN_SUGGESTIONS = 2;
export const MAX_SUGGESTIONS = 4;
/** Aspects scoring at least this well get praise rather than advice. */
const GOOD_SCORE = 85;
/** The window used to say where fillers clustered ("9 times in the first 30 seconds"). */
const FILLER_WINDOW_SEC = 30;
/** A filler said this often within the window is a habit worth naming on its own. */
const HABIT_MIN_REPEATS = 3;
/** A pause this long is worth naming by its time. */
const NOTABLE_PAUSE_SEC = 3;

const STAR_ADVICE: Record<StarPart, string> = {
  situation: 'open with a sentence or two of context: where you were and what was at stake',
  task: 'say what you were responsible for, in one sentence',
  action: 'spell out the steps you took yourself, with "I" rather than "we"',
  result: 'end with what happened because of it, ideally with a number ("cut release time by 30%")',
};

type Candidate = { id: string; component: ScoreComponentId; text: string };

export type SuggestionInputs = {
  analysis: Omit<CoachingAnalysis, 'suggestions'>;
  pace: PaceAnalysis;
  fillers: readonly FillerHit[];
};

/** The coaching so far, with the transcript's pace that several suggestions quote. */
type Analysed = SuggestionInputs['analysis'] & { pace: PaceAnalysis };

export function writeSuggestions(inputs: SuggestionInputs): Suggestion[] {
  const { fillers } = inputs;
  const analysis: Analysed = { ...inputs.analysis, pace: inputs.pace };
  const scores = new Map(analysis.score.breakdown.map((part) => [part.id, part.score]));
  const problems = problemCandidates(analysis, fillers)
    .filter((c) => (scores.get(c.component) ?? 100) < GOOD_SCORE)
    .sort((a, b) => (scores.get(a.component) ?? 100) - (scores.get(b.component) ?? 100));
  const chosen: Candidate[] = [];
  for (const candidate of problems) {
    if (chosen.length >= MAX_SUGGESTIONS) break;
    // One piece of advice per aspect, unless there is room to spare.
    if (chosen.some((c) => c.component === candidate.component) && problems.length > MAX_SUGGESTIONS)
      continue;
    chosen.push(candidate);
  }
  for (const praise of praiseCandidates(analysis, scores)) {
    if (chosen.length >= MIN_SUGGESTIONS) break;
    if (!chosen.some((c) => c.component === praise.component)) chosen.push(praise);
  }
  return chosen.slice(0, MAX_SUGGESTIONS).map(({ id, text }) => ({ id, text }));
}

function problemCandidates(a: Analysed, fillers: readonly FillerHit[]): Candidate[] {
  const out: Candidate[] = [];
  const fillerText = fillerAdvice(a, fillers);
  if (fillerText) out.push({ id: 'fillers', component: 'fluency', text: fillerText });

  const { pace } = a;
  if (pace.verdict === 'fast') {
    const peak = maxBy(pace.timeline, (p) => p.wordsPerMinute);
    const where = peak ? `, fastest around ${timeLabel(peak.atSec)}` : '';
    out.push({
      id: 'pace-fast',
      component: 'pace',
      text: `You spoke at ${Math.round(pace.wordsPerMinute)} words a minute${where}, faster than a comfortable ${COMFORTABLE_WPM.min}–${COMFORTABLE_WPM.max}; take a breath at each full stop and let key points land.`,
    });
  } else if (pace.verdict === 'slow') {
    out.push({
      id: 'pace-slow',
      component: 'pace',
      text: `You spoke at ${Math.round(pace.wordsPerMinute)} words a minute, slower than a comfortable ${COMFORTABLE_WPM.min}–${COMFORTABLE_WPM.max}; rehearse the story's outline so the words come more readily.`,
    });
  }
  if (pace.longestPauseSec >= NOTABLE_PAUSE_SEC && pace.longestPauseAtSec !== null) {
    out.push({
      id: 'long-pause',
      component: 'pace',
      text: `You paused for ${pace.longestPauseSec.toFixed(1)} s at ${timeLabel(pace.longestPauseAtSec)}; a 1–2 s pause sounds thoughtful, longer sounds lost. If you need time, say "let me think about that for a moment".`,
    });
  }

  const { voice } = a;
  if (voice?.monotone) {
    const span = voice.monotoneSpans[0];
    const where = span ? ` from ${timeLabel(span.startSec)} to ${timeLabel(span.endSec)}` : '';
    out.push({
      id: 'monotone',
      component: 'delivery',
      text: `Your pitch stayed flat${where} (it moved only ${voice.pitchVariationSemitones.toFixed(1)} semitones); lift your voice on the words that matter, such as the result and its numbers.`,
    });
  }
  if (voice && voice.trailingOffs.length > 0) {
    const first = voice.trailingOffs[0]!;
    out.push({
      id: 'trailing-off',
      component: 'delivery',
      text: `Your voice faded at the end of ${voice.trailingOffs.length} of ${voice.sentenceEndCount} sentences (first at ${timeLabel(first.atSec)}); finish each sentence as strongly as you start it.`,
    });
  }

  const { language } = a;
  if (language.hedges.length >= 2) {
    out.push({
      id: 'hedges',
      component: 'language',
      text: `You hedged ${language.hedges.length} times (${countList(language.hedges.map((h) => h.text))}); say what you did plainly: "I decided…" rather than "I think I decided…".`,
    });
  }
  const pet = language.repeatedPhrases[0];
  if (pet) {
    out.push({
      id: 'repeated-phrase',
      component: 'language',
      text: `You said "${pet.text}" ${pet.count} times; vary it, or drop it where it adds nothing.`,
    });
  }

  const { structure } = a;
  if (structure?.kind === 'star' && structure.missing.length > 0) {
    const part = structure.missing.includes('result') ? 'result' : structure.missing[0]!;
    out.push({
      id: `star-${part}`,
      component: 'structure',
      text: `Your answer had no clear ${structure.missing.join(' or ')}; ${STAR_ADVICE[part]}.`,
    });
  } else if (structure?.kind === 'talking-points') {
    const missed = structure.points.filter((p) => !p.covered).map((p) => p.label.toLowerCase());
    if (missed.length > 0) {
      out.push({
        id: 'talking-points',
        component: 'structure',
        text: `You didn't touch on ${missed.slice(0, 2).join(' or ')}; a strong answer covers ${structure.points.length === 1 ? 'it' : 'each point'} in a sentence or two.`,
      });
    }
  }

  const { length } = language;
  if (length.verdict === 'short') {
    out.push({
      id: 'too-short',
      component: 'length',
      text: `Your answer ran ${timeLabel(length.durationSec)}, under the ${length.target.minSec}–${length.target.maxSec} s target; add a concrete example and what came of it.`,
    });
  } else if (length.verdict === 'long') {
    out.push({
      id: 'too-long',
      component: 'length',
      text: `Your answer ran ${timeLabel(length.durationSec)}, past the ${timeLabel(length.target.maxSec)} target; cut the background to one sentence and get to what you did sooner.`,
    });
  }
  return out;
}

function fillerAdvice(a: Analysed, fillers: readonly FillerHit[]): string | null {
  const all = [
    ...fillers.map((f) => ({ text: f.text, startSec: f.startSec })),
    ...a.filledPauseCandidates.map((c) => ({ text: 'um', startSec: c.startSec })),
  ];
  if (all.length < 2) return null;
  const burst = a.fillerBursts[0];
  const missed = a.filledPauseCandidates.length
    ? `; ${a.filledPauseCandidates.length} of them were heard in the audio but missing from the transcript`
    : '';
  if (burst) {
    const seconds = Math.max(1, Math.round(burst.endSec - burst.startSec));
    return `You said ${countList(burst.texts)} within ${seconds} seconds at ${timeLabel(burst.startSec)} (${all.length} fillers in all${missed}); when you feel one coming, close your mouth and pause silently instead.`;
  }
  const commonest = mostCommon(all.map((f) => f.text));
  const window = busiestWindow(
    all.filter((f) => f.text === commonest).map((f) => f.startSec),
    FILLER_WINDOW_SEC,
  );
  if (window.count < HABIT_MIN_REPEATS) {
    return `You used ${all.length} fillers (${countList(all.map((f) => f.text))})${missed}; when you need a moment, pause silently instead.`;
  }
  const where =
    window.startSec === 0
      ? `in the first ${FILLER_WINDOW_SEC} seconds`
      : `between ${timeLabel(window.startSec)} and ${timeLabel(window.startSec + FILLER_WINDOW_SEC)}`;
  return `You said '${commonest}' ${window.count} times ${where} (${all.length} fillers in all${missed}); try a silent pause instead.`;
}

function praiseCandidates(a: Analysed, scores: Map<ScoreComponentId, number>): Candidate[] {
  const good = (id: ScoreComponentId) => (scores.get(id) ?? 0) >= GOOD_SCORE;
  const out: Candidate[] = [];
  if (good('fluency'))
    out.push({
      id: 'keep-fluency',
      component: 'fluency',
      text: 'You used hardly any fillers: keep pausing silently when you need a moment.',
    });
  if (good('pace'))
    out.push({
      id: 'keep-pace',
      component: 'pace',
      text: `Your pace of ${Math.round(a.pace.wordsPerMinute)} words a minute was easy to follow: keep it.`,
    });
  if (good('structure') && a.structure?.kind === 'star')
    out.push({
      id: 'keep-star',
      component: 'structure',
      text: 'Your answer had a situation, your task, your actions and a result: that is exactly the shape interviewers listen for.',
    });
  if (good('structure') && a.structure?.kind === 'talking-points')
    out.push({
      id: 'keep-points',
      component: 'structure',
      text: 'You covered the points a strong answer to this question needs.',
    });
  if (good('delivery'))
    out.push({
      id: 'keep-voice',
      component: 'delivery',
      text: 'Your voice had plenty of life in it: keep lifting it on the key points.',
    });
  if (good('language'))
    out.push({
      id: 'keep-language',
      component: 'language',
      text: 'You spoke plainly, without hedging: it makes you sound sure of your story.',
    });
  if (good('length'))
    out.push({ id: 'keep-length', component: 'length', text: 'Your answer fitted the target length.' });
  // Always something to try next, even after a strong answer.
  out.push({
    id: 'next-step',
    component: 'length',
    text: 'Record the same question once more and compare the two reports: small changes show up quickly.',
  });
  return out;
}

/** "'um' ×3, 'like' ×2" in order of frequency. */
function countList(texts: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([text, count]) => (count > 1 ? `'${text}' ×${count}` : `'${text}'`))
    .join(', ');
}

function mostCommon(texts: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/** The `windowSec` window (starting at an event) holding the most events. */
function busiestWindow(times: readonly number[], windowSec: number): { startSec: number; count: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { startSec: sorted[0] ?? 0, count: 0 };
  sorted.forEach((start, i) => {
    const count = sorted.slice(i).filter((t) => t < start + windowSec).length;
    if (count > best.count) best = { startSec: start, count };
  });
  if (best.startSec < windowSec / 2 && sorted.filter((t) => t < windowSec).length >= best.count) {
    return { startSec: 0, count: sorted.filter((t) => t < windowSec).length };
  }
  return best;
}

function maxBy<T>(items: readonly T[], key: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>(
    (best, item) => (best === undefined || key(item) > key(best) ? item : best),
    undefined,
  );
}
