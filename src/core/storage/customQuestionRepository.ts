// SQL for the user's own practice questions.
import type { Question, RoleFamily, TargetLength } from '../../shared/domain';
import type { CustomQuestionStore } from '../questions/questionCatalog';
import type { Db } from './database';

type Row = {
  id: string;
  text: string;
  kind: Question['kind'];
  roles_json: string;
  covers: string | null;
  target_json: string | null;
};

export class CustomQuestionRepository implements CustomQuestionStore {
  constructor(private readonly db: Db) {}

  listCustomQuestions(): Question[] {
    const rows = this.db.prepare('SELECT * FROM custom_questions ORDER BY created_at, id').all() as Row[];
    return rows.map((r) => ({
      id: r.id,
      text: r.text,
      kind: r.kind,
      roles: JSON.parse(r.roles_json) as RoleFamily[],
      ...(r.covers ? { covers: r.covers } : {}),
      ...(r.target_json ? { target: JSON.parse(r.target_json) as TargetLength } : {}),
      custom: true,
    }));
  }

  addCustomQuestion(q: Question, createdAt: string): void {
    this.db
      .prepare(
        `INSERT INTO custom_questions (id, text, kind, roles_json, covers, target_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        q.id,
        q.text,
        q.kind,
        JSON.stringify(q.roles ?? ['general']),
        q.covers ?? null,
        q.target ? JSON.stringify(q.target) : null,
        createdAt,
      );
  }

  deleteCustomQuestion(id: string): boolean {
    return this.db.prepare('DELETE FROM custom_questions WHERE id = ?').run(id).changes > 0;
  }
}
