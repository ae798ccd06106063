// Generates the synthetic tiny.en-shaped model once per run (cached in .cache/models) and hands its
// path to the tests. Real whisper.cpp runs on it at real cost; its words are meaningless.
import type { TestProject } from 'vitest/node';
import { ensureSyntheticModel } from '../scripts/makeSyntheticModel';

declare module 'vitest' {
  export interface ProvidedContext {
    syntheticModelPath: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('syntheticModelPath', await ensureSyntheticModel());
}
