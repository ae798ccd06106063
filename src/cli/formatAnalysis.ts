// Plain-text rendering of the coaching analysis: score and breakdown, suggestions, then each detector's
// findings with the times they happened, and the transcript with everything marked inline.
import { timeLabel } from '../core/coaching/timeLabel';
import type { AnswerReport, CoachingAnalysis, PaceAnalysis, Word } from '../shared/domain';

/** Characters in the pace sparkline, lowest to highest. */
const SPARK = '▁▂▃▄▅▆▇█';
const BAR_WIDTH = 20;
const NO_BREAK_SPACE = '\u00a0';

export function formatAnalysis(pace: PaceAnalysis, coaching: CoachingAnalysis): string[] {
  const a = { ...coaching, pace };
  const lines = ['', `Score           ${a.score.total} / 100`];
  for (const part of a.score.breakdown) {
    const filled = Math.round((part.score / 100) * BAR_WIDTH);
    lines.push(
      `  ${part.label.padEnd(14)}${String(part.score).padStart(3)}  ${'█'.repeat(filled)}${'·'.repeat(BAR_WIDTH - filled)}  ${part.detail} (weight ${Math.round(part.weight * 100)}%)`,
    );
  }
  if (a.suggestions.length) {
    lines.push('', 'Suggestions:');
    a.suggestions.forEach((s, i) => lines.push(`  ${i + 1}. ${s.text}`));
  }

  lines.push('', 'Pace:');
  lines.push(
    `  ${Math.round(a.pace.wordsPerMinute)} words/min (${a.pace.verdict}), varying by ±${Math.round(a.pace.variationWpm)}`,
  );
  if (a.pace.timeline.length > 1)
    lines.push(`  over time  ${sparkline(a.pace.timeline.map((p) => p.wordsPerMinute))}`);
  if (a.pace.longPauseCount) {
    lines.push(
      `  ${a.pace.longPauseCount} long pause(s), longest ${a.pace.longestPauseSec.toFixed(1)} s at ${timeLabel(a.pace.longestPauseAtSec ?? 0)}`,
    );
  }

  lines.push('', 'Fillers:', `  ${a.fillersPerMinute.toFixed(1)} per minute, counting likely filled pauses`);
  for (const burst of a.fillerBursts) {
    lines.push(
      `  burst at ${timeLabel(burst.startSec)}–${timeLabel(burst.endSec)}: ${burst.texts.join(', ')}`,
    );
  }
  for (const c of a.filledPauseCandidates) {
    lines.push(
      `  likely filled pause at ${timeLabel(c.startSec)} (${c.durationSec.toFixed(2)} s, ${Math.round(c.pitchHz)} Hz, confidence ${c.confidence.toFixed(2)})`,
    );
  }

  if (a.voice) {
    const v = a.voice;
    lines.push('', 'Voice:');
    lines.push(
      `  pitch ${v.medianPitchHz ? `${Math.round(v.medianPitchHz)} Hz, ` : ''}moving ${v.pitchVariationSemitones.toFixed(1)} semitones${v.monotone ? ' (monotone)' : ''}`,
    );
    for (const span of v.monotoneSpans)
      lines.push(`  flat from ${timeLabel(span.startSec)} to ${timeLabel(span.endSec)}`);
    lines.push(`  loudness varies by ${v.loudnessVariationDb.toFixed(1)} dB`);
    lines.push(`  faded out at ${v.trailingOffs.length} of ${v.sentenceEndCount} sentence ends`);
    for (const t of v.trailingOffs) lines.push(`    ${timeLabel(t.atSec)} (−${t.dropDb.toFixed(0)} dB)`);
  }

  const l = a.language;
  lines.push('', 'Language:');
  lines.push(
    `  hedges ${l.hedges.length} (${l.hedgesPerMinute.toFixed(1)}/min)${l.hedges.length ? `: ${l.hedges.map((h) => `${h.text} @${timeLabel(h.startSec)}`).join(', ')}` : ''}`,
  );
  if (l.immediateRepeats.length) {
    lines.push(
      `  stumbles: ${l.immediateRepeats.map((r) => `"${r.text} ${r.text}" @${timeLabel(r.startSec)}`).join(', ')}`,
    );
  }
  for (const p of l.repeatedPhrases) lines.push(`  repeated "${p.text}" ×${p.count}`);
  if (l.overusedWords.length)
    lines.push(`  leaned on: ${l.overusedWords.map((w) => `${w.text} ×${w.count}`).join(', ')}`);
  lines.push(
    `  vocabulary ${l.vocabulary.uniqueWords} different words of ${l.vocabulary.words} (moving type-token ratio ${l.vocabulary.movingTypeTokenRatio.toFixed(2)})`,
  );
  lines.push(
    `  length ${timeLabel(l.length.durationSec)} against ${l.length.target.minSec}–${l.length.target.maxSec} s: ${l.length.verdict}`,
  );

  if (a.structure?.kind === 'star') {
    lines.push('', 'Structure (STAR):');
    for (const p of a.structure.parts) {
      lines.push(
        `  ${p.present ? '✓' : '✗'} ${p.part.padEnd(10)}${p.present ? `"${p.cue}" at ${timeLabel(p.atSec ?? 0)}` : 'not found'}`,
      );
    }
  } else if (a.structure?.kind === 'talking-points') {
    lines.push('', 'Talking points:');
    for (const p of a.structure.points) {
      lines.push(
        `  ${p.covered ? '✓' : '✗'} ${p.label}${p.covered ? ` ("${p.cue}" at ${timeLabel(p.atSec ?? 0)})` : ''}`,
      );
    }
  }
  return lines;
}

/**
 * The transcript with [fillers], {hedges}, (pause 2.4 s) and ⟨um?⟩ where the audio had a likely filled
 * pause the transcript lacks.
 */
export function markedAnalysisTranscript(
  words: readonly Word[],
  metrics: Pick<AnswerReport, 'fillers' | 'longPauses'>,
  analysis: CoachingAnalysis,
): string {
  type Mark = { atSec: number; text: string };
  const extras: Mark[] = [
    ...metrics.longPauses.map((p) => ({
      atSec: p.startSec + 1e-6,
      text: `(pause ${p.durationSec.toFixed(1)} s)`,
    })),
    ...analysis.filledPauseCandidates.map((c) => ({ atSec: c.startSec, text: '⟨um?⟩' })),
  ].sort((a, b) => a.atSec - b.atSec);
  const fillerAt = new Map(metrics.fillers.map((f) => [f.wordIndex, f.text.split(' ').length]));
  const hedgeAt = new Map(analysis.language.hedges.map((h) => [h.wordIndex, h.text.split(' ').length]));
  const parts: string[] = [];
  let extra = 0;
  let index = 0;
  while (index < words.length) {
    const word = words[index]!;
    while (extra < extras.length && extras[extra]!.atSec < word.startSec) parts.push(extras[extra++]!.text);
    const fillerLength = fillerAt.get(index);
    const hedgeLength = hedgeAt.get(index);
    const span = fillerLength ?? hedgeLength ?? 1;
    // A no-break space keeps a marked phrase on one line when the report wraps.
    const text = words
      .slice(index, index + span)
      .map((w) => w.text.trim())
      .join(span > 1 ? NO_BREAK_SPACE : ' ');
    parts.push(fillerLength ? `[${text}]` : hedgeLength ? `{${text}}` : text);
    index += span;
  }
  while (extra < extras.length) parts.push(extras[extra++]!.text);
  return parts.join(' ');
}

function sparkline(values: readonly number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const range = hi - lo || 1;
  const chars = values.map(
    (v) => SPARK[Math.min(SPARK.length - 1, Math.floor(((v - lo) / range) * SPARK.length))],
  );
  return `${chars.join('')}  ${Math.round(lo)}–${Math.round(hi)} wpm`;
}
