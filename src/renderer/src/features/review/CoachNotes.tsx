import { useState } from 'react';
import {
  RUBRIC_CRITERIA,
  type CoachNote,
  type RubricCriterion,
  type RubricScores,
  type Word,
} from '../../../../shared/domain';
import { formatClock } from '../../lib/format';

const CRITERION_LABELS: Record<RubricCriterion, string> = {
  structure: 'Structure',
  clarity: 'Clarity',
  confidence: 'Confidence',
};
const RUBRIC_SCALE = [1, 2, 3, 4, 5] as const;

/** What the session view supplies: the rubric and the note actions. */
export type CoachPanelProps = {
  rubric: RubricScores;
  onAdd: (note: {
    answerId: string;
    atSec: number;
    endSec: number | null;
    wordStart: number | null;
    wordEnd: number | null;
    body: string;
  }) => Promise<boolean>;
  onUpdate: (noteId: number, body: string) => Promise<boolean>;
  onDelete: (noteId: number) => Promise<boolean>;
  onRubric: (criterion: RubricCriterion, score: number | null) => void;
};

type Props = CoachPanelProps & {
  answerId: string;
  words: readonly Word[];
  notes: readonly CoachNote[];
  nowSec: number;
  currentSec: () => number;
  /** Words selected in the transcript; the next note attaches to them. */
  selectedWords: [number, number] | null;
  clearSelectedWords: () => void;
  seek: (sec: number) => void;
};

function quote(words: readonly Word[], note: CoachNote): string | null {
  if (note.wordStart === null) return null;
  return quoteRange(words, [note.wordStart, note.wordEnd ?? note.wordStart]);
}

function quoteRange(words: readonly Word[], [first, last]: [number, number]): string {
  return words
    .slice(first, last + 1)
    .map((w) => w.text.trim())
    .join(' ');
}

/** A button label stays one line: long selections are shortened in the middle. */
const LABEL_QUOTE_MAX_CHARS = 32;
function shortQuote(text: string): string {
  if (text.length <= LABEL_QUOTE_MAX_CHARS) return text;
  const half = Math.floor((LABEL_QUOTE_MAX_CHARS - 1) / 2);
  return `${text.slice(0, half).trimEnd()}…${text.slice(-half).trimStart()}`;
}

/** The coach's rubric scores and timestamped notes for one answer. */
export function CoachNotes(props: Props) {
  const { answerId, words, notes, rubric } = props;
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: number; body: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);

  const add = async () => {
    const range = props.selectedWords;
    const first = range ? words[range[0]] : undefined;
    const last = range ? words[range[1]] : undefined;
    const atSec = first?.startSec ?? props.currentSec();
    const ok = await props.onAdd({
      answerId,
      atSec: Math.max(0, atSec),
      endSec: last?.endSec ?? null,
      wordStart: range?.[0] ?? null,
      wordEnd: range?.[1] ?? null,
      body: draft,
    });
    if (ok) {
      setDraft('');
      props.clearSelectedWords();
    }
  };
  const selectedQuote = props.selectedWords ? quoteRange(words, props.selectedWords) : null;

  return (
    <section className="card coach-notes" aria-label="Coach notes and rubric">
      <div className="rubric" role="group" aria-label="Rubric">
        {RUBRIC_CRITERIA.map((criterion) => (
          <fieldset key={criterion} className="rubric-row">
            <legend>{CRITERION_LABELS[criterion]}</legend>
            {RUBRIC_SCALE.map((score) => (
              <label key={score} className="rubric-score">
                <input
                  type="radio"
                  name={`rubric-${answerId}-${criterion}`}
                  checked={rubric[criterion] === score}
                  onChange={() => props.onRubric(criterion, score)}
                />
                <span>{score}</span>
              </label>
            ))}
            {rubric[criterion] !== undefined && (
              <button
                type="button"
                className="button button-quiet rubric-clear"
                onClick={() => props.onRubric(criterion, null)}
                aria-label={`Clear ${CRITERION_LABELS[criterion]} score`}
              >
                Clear
              </button>
            )}
          </fieldset>
        ))}
      </div>
      <ol className="note-list" aria-label="Notes">
        {notes.map((note) => {
          const quoted = quote(words, note);
          return (
            <li key={note.id} className="note">
              <button type="button" className="note-time tabular" onClick={() => props.seek(note.atSec)}>
                {formatClock(note.atSec)}
              </button>
              <div className="note-body">
                {quoted && <q className="note-quote">{quoted}</q>}
                {editing?.id === note.id ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      void props.onUpdate(note.id, editing.body).then((ok) => ok && setEditing(null));
                    }}
                  >
                    <textarea
                      aria-label="Edit note"
                      value={editing.body}
                      onChange={(e) => setEditing({ id: note.id, body: e.target.value })}
                    />
                    <button type="submit" className="button button-secondary">
                      Save
                    </button>
                    <button type="button" className="button button-quiet" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <p>{note.body}</p>
                )}
              </div>
              {editing?.id !== note.id && (
                <div className="note-actions">
                  {confirmDelete === note.id ? (
                    <>
                      <button
                        type="button"
                        className="button button-danger"
                        onClick={() => void props.onDelete(note.id).then(() => setConfirmDelete(null))}
                      >
                        Delete note
                      </button>
                      <button
                        type="button"
                        className="button button-quiet"
                        onClick={() => setConfirmDelete(null)}
                      >
                        Keep
                      </button>
                    </>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="button button-quiet"
                        onClick={() => setEditing({ id: note.id, body: note.body })}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button button-quiet"
                        onClick={() => setConfirmDelete(note.id)}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <form
        className="note-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) void add();
        }}
      >
        <label className="visually-hidden" htmlFor={`note-${answerId}`}>
          New note
        </label>
        {selectedQuote !== null && props.selectedWords && (
          <p className="note-target">
            <span className="muted">Attached to</span> <q className="note-quote">{selectedQuote}</q>{' '}
            <span className="muted tabular">
              at {formatClock(words[props.selectedWords[0]]?.startSec ?? 0)}
            </span>
            <button
              type="button"
              className="button button-quiet button-small"
              onClick={props.clearSelectedWords}
            >
              Use the playhead instead
            </button>
          </p>
        )}
        <textarea
          id={`note-${answerId}`}
          placeholder="Note on this moment (select words in the transcript to attach it to them)"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button button-secondary" disabled={!draft.trim()}>
          {selectedQuote !== null
            ? `Add note on “${shortQuote(selectedQuote)}”`
            : `Add note at ${formatClock(props.nowSec)}`}
        </button>
      </form>
    </section>
  );
}
