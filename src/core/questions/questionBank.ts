import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { QUESTION_KINDS, ROLE_FAMILIES, type Question } from '../../shared/domain';
import { talkingPointSchema, targetLengthSchema } from '../../shared/coachingSchemas';

export const questionSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  kind: z.enum(QUESTION_KINDS),
  roles: z.array(z.enum(ROLE_FAMILIES)).optional(),
  covers: z.string().optional(),
  talkingPoints: z.array(talkingPointSchema).optional(),
  target: targetLengthSchema.optional(),
});

export function loadQuestionBank(file: string): Question[] {
  const parsed = z.array(questionSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`The question bank ${file} is malformed: ${parsed.error.message}`);
  const ids = new Set<string>();
  for (const question of parsed.data) {
    if (ids.has(question.id))
      throw new Error(`The question bank ${file} has two questions with id ${question.id}`);
    ids.add(question.id);
  }
  return parsed.data;
}
