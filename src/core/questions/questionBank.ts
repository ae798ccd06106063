import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Question } from '../domain';

const questionSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  kind: z.enum(['behavioural', 'situational', 'motivational', 'technical-communication']),
});

export function loadQuestionBank(file: string): Question[] {
  const parsed = z.array(questionSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`The question bank ${file} is malformed: ${parsed.error.message}`);
  return parsed.data;
}
