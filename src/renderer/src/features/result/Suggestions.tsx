import type { Suggestion } from '../../../../shared/domain';

type Props = { suggestions: readonly Suggestion[]; headingLevel?: 2 | 3 | 4; title?: string };

/** The two to four things to try next, in the speaker's own numbers. */
export function Suggestions({ suggestions, headingLevel = 3, title = 'What to try next' }: Props) {
  const Heading = `h${headingLevel}` as const;
  if (suggestions.length === 0) return null;
  return (
    <section className="card suggestions-card" aria-label={title}>
      <Heading className="section-title">{title}</Heading>
      <ol className="suggestions">
        {suggestions.map((s) => (
          <li key={s.id} className="suggestion">
            {s.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
