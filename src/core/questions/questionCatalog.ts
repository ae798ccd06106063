// The questions on offer: the shipped bank plus the user's own. Custom questions live in a store (SQLite in
// the app and CLI); the catalog only merges and validates.
import { randomUUID } from 'node:crypto';
import type { Question } from '../../shared/domain';
import { newCustomQuestionSchema, type NewCustomQuestion } from '../../shared/coachingSchemas';

export interface CustomQuestionStore {
  listCustomQuestions(): Question[];
  addCustomQuestion(question: Question, createdAt: string): void;
  /** Returns false when there was no such question. */
  deleteCustomQuestion(id: string): boolean;
}

export const CUSTOM_ID_PREFIX = 'custom-';

export class QuestionCatalog {
  constructor(
    private readonly bank: readonly Question[],
    private readonly store: CustomQuestionStore,
  ) {}

  /** The bank first, then custom questions, oldest first. */
  list(): Question[] {
    return [...this.bank, ...this.store.listCustomQuestions()];
  }

  get(id: string): Question | undefined {
    return this.list().find((q) => q.id === id);
  }

  addCustom(input: NewCustomQuestion): Question {
    const parsed = newCustomQuestionSchema.parse(input);
    const question: Question = {
      id: `${CUSTOM_ID_PREFIX}${randomUUID()}`,
      text: parsed.text,
      kind: parsed.kind,
      roles: parsed.roles && parsed.roles.length > 0 ? parsed.roles : ['general'],
      ...(parsed.covers ? { covers: parsed.covers } : {}),
      ...(parsed.target ? { target: parsed.target } : {}),
      custom: true,
    };
    this.store.addCustomQuestion(question, new Date().toISOString());
    return question;
  }

  deleteCustom(id: string): void {
    if (!id.startsWith(CUSTOM_ID_PREFIX) || !this.store.deleteCustomQuestion(id)) {
      throw new Error(`No custom question with id ${id}`);
    }
  }
}

/** Keeps custom questions in memory (tests, or a host without a database). */
export class InMemoryCustomQuestions implements CustomQuestionStore {
  private readonly questions: Question[] = [];
  listCustomQuestions(): Question[] {
    return [...this.questions];
  }
  addCustomQuestion(question: Question): void {
    this.questions.push(question);
  }
  deleteCustomQuestion(id: string): boolean {
    const index = this.questions.findIndex((q) => q.id === id);
    if (index >= 0) this.questions.splice(index, 1);
    return index >= 0;
  }
}
