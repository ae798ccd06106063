import { useCallback, useEffect, useState } from 'react';
import type { CoachNote, RubricCriterion, SessionReview } from '../../../../shared/domain';
import type { NewNote } from '../../../../shared/reviewSchemas';
import { errorMessage } from '../../store/loadStatus';
import { coachApi } from '../../coachApi';

export type SessionReviewApi = {
  review: SessionReview;
  error: string | null;
  addNote: (note: NewNote) => Promise<boolean>;
  updateNote: (noteId: number, body: string) => Promise<boolean>;
  deleteNote: (noteId: number) => Promise<boolean>;
  setRubric: (answerId: string, criterion: RubricCriterion, score: number | null) => Promise<void>;
};

const EMPTY: SessionReview = { notes: [], rubric: {} };

function byMoment(a: CoachNote, b: CoachNote): number {
  return a.atSec - b.atSec || a.id - b.id;
}

/** A session's coach notes and rubric scores, loaded once and kept in step with every edit. */
export function useSessionReview(sessionId: string): SessionReviewApi {
  // Tagged with its session, so another session's notes never show while this one loads.
  const [loaded, setLoaded] = useState<{ sessionId: string; review: SessionReview }>({
    sessionId: '',
    review: EMPTY,
  });
  const review = loaded.sessionId === sessionId ? loaded.review : EMPTY;
  const setReview = useCallback(
    (update: (r: SessionReview) => SessionReview) =>
      setLoaded((l) => ({ sessionId, review: update(l.sessionId === sessionId ? l.review : EMPTY) })),
    [sessionId],
  );
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    coachApi()
      .getSessionReview(sessionId)
      .then(
        (r) => live && setLoaded({ sessionId, review: r }),
        (e: unknown) => live && setError(errorMessage(e, 'Coach notes could not be loaded.')),
      );
    return () => {
      live = false;
    };
  }, [sessionId]);

  const attempt = useCallback(async (fn: () => Promise<void>, fallback: string): Promise<boolean> => {
    try {
      await fn();
      setError(null);
      return true;
    } catch (e) {
      setError(errorMessage(e, fallback));
      return false;
    }
  }, []);

  return {
    review,
    error,
    addNote: (note) =>
      attempt(async () => {
        const saved = await coachApi().addNote(note);
        setReview((r) => ({ ...r, notes: [...r.notes, saved].sort(byMoment) }));
      }, 'The note could not be saved.'),
    updateNote: (noteId, body) =>
      attempt(async () => {
        const saved = await coachApi().updateNote(noteId, { body });
        setReview((r) => ({ ...r, notes: r.notes.map((n) => (n.id === noteId ? saved : n)) }));
      }, 'The note could not be saved.'),
    deleteNote: (noteId) =>
      attempt(async () => {
        await coachApi().deleteNote(noteId);
        setReview((r) => ({ ...r, notes: r.notes.filter((n) => n.id !== noteId) }));
      }, 'The note could not be deleted.'),
    setRubric: async (answerId, criterion, score) => {
      await attempt(async () => {
        const scores = await coachApi().setRubricScore({ answerId, criterion, score });
        setReview((r) => ({ ...r, rubric: { ...r.rubric, [answerId]: scores } }));
      }, 'The score could not be saved.');
    },
  };
}
