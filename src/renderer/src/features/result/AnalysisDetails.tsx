import type { CoachingAnalysis, StarPart } from '../../../../shared/domain';
import { formatClock } from '../../lib/format';

const STAR_LABELS: Record<StarPart, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
};

type Props = { analysis: CoachingAnalysis; headingLevel?: 3 | 4 | 5 };

/** The findings behind the score: structure, voice and language, each with where it happened. */
export function AnalysisDetails({ analysis, headingLevel = 3 }: Props) {
  const Heading = `h${headingLevel}` as const;
  const { structure, voice, language } = analysis;
  return (
    <div className="analysis-details">
      {structure && (
        <section className="card detail-card" aria-label="Structure">
          <Heading className="section-title">
            {structure.kind === 'star' ? 'Structure (STAR)' : 'Talking points'}
          </Heading>
          <ul className="checklist">
            {structure.kind === 'star'
              ? structure.parts.map((p) => (
                  <li key={p.part} className={p.present ? 'is-done' : 'is-missing'}>
                    <span className="check" aria-hidden="true" />
                    <span className="check-label">{STAR_LABELS[p.part]}</span>
                    <span className="check-detail">
                      {p.present ? `“${p.cue}” at ${formatClock(p.atSec ?? 0)}` : 'not heard'}
                    </span>
                  </li>
                ))
              : structure.points.map((p) => (
                  <li key={p.label} className={p.covered ? 'is-done' : 'is-missing'}>
                    <span className="check" aria-hidden="true" />
                    <span className="check-label">{p.label}</span>
                    <span className="check-detail">
                      {p.covered ? `“${p.cue}” at ${formatClock(p.atSec ?? 0)}` : 'not covered'}
                    </span>
                  </li>
                ))}
          </ul>
        </section>
      )}
      {voice && (
        <section className="card detail-card" aria-label="Voice">
          <Heading className="section-title">Voice</Heading>
          <dl className="facts">
            <div>
              <dt>Pitch movement</dt>
              <dd>
                {voice.pitchVariationSemitones.toFixed(1)} semitones{' '}
                <span className={`pill ${voice.monotone ? 'pill-warn' : 'pill-good'}`}>
                  {voice.monotone ? 'monotone' : 'varied'}
                </span>
              </dd>
            </div>
            {voice.medianPitchHz !== null && (
              <div>
                <dt>Typical pitch</dt>
                <dd>{Math.round(voice.medianPitchHz)} Hz</dd>
              </div>
            )}
            {voice.monotoneSpans.length > 0 && (
              <div>
                <dt>Flat stretches</dt>
                <dd>
                  {voice.monotoneSpans
                    .map((s) => `${formatClock(s.startSec)}–${formatClock(s.endSec)}`)
                    .join(', ')}
                </dd>
              </div>
            )}
            <div>
              <dt>Loudness variation</dt>
              <dd>{voice.loudnessVariationDb.toFixed(1)} dB</dd>
            </div>
            <div>
              <dt>Sentence ends that faded</dt>
              <dd>
                {voice.trailingOffs.length} of {voice.sentenceEndCount}
                {voice.trailingOffs.length > 0 &&
                  ` (at ${voice.trailingOffs.map((t) => formatClock(t.atSec)).join(', ')})`}
              </dd>
            </div>
          </dl>
        </section>
      )}
      <section className="card detail-card" aria-label="Language">
        <Heading className="section-title">Language</Heading>
        <dl className="facts">
          <div>
            <dt>Hedges</dt>
            <dd>
              {language.hedges.length === 0
                ? 'none'
                : `${language.hedges.length} (${summarise(language.hedges.map((h) => h.text))})`}
            </dd>
          </div>
          <div>
            <dt>Stumbles</dt>
            <dd>
              {language.immediateRepeats.length === 0
                ? 'none'
                : language.immediateRepeats
                    .map((r) => `“${r.text} ${r.text}” at ${formatClock(r.startSec)}`)
                    .join(', ')}
            </dd>
          </div>
          {language.repeatedPhrases.length > 0 && (
            <div>
              <dt>Repeated phrases</dt>
              <dd>{language.repeatedPhrases.map((p) => `“${p.text}” ×${p.count}`).join(', ')}</dd>
            </div>
          )}
          {language.overusedWords.length > 0 && (
            <div>
              <dt>Leaned on</dt>
              <dd>{language.overusedWords.map((w) => `${w.text} ×${w.count}`).join(', ')}</dd>
            </div>
          )}
          <div>
            <dt>Vocabulary</dt>
            <dd>
              {language.vocabulary.uniqueWords} different words of {language.vocabulary.words}
            </dd>
          </div>
          <div>
            <dt>Length</dt>
            <dd>
              {formatClock(language.length.durationSec)} for a {formatClock(language.length.target.minSec)}–
              {formatClock(language.length.target.maxSec)} target{' '}
              <span className={`pill ${language.length.verdict === 'on-target' ? 'pill-good' : 'pill-warn'}`}>
                {language.length.verdict === 'on-target' ? 'on target' : language.length.verdict}
              </span>
            </dd>
          </div>
        </dl>
      </section>
    </div>
  );
}

/** "i think ×3, maybe" */
function summarise(texts: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => (n > 1 ? `${t} ×${n}` : t))
    .join(', ');
}
