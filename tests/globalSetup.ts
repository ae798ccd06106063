// Checks the machine's prerequisites, then generates the synthetic tiny.en-shaped model once per run
// (cached in .cache/models) and hands its path to the tests. Real whisper.cpp runs on it at real cost;
// its words are meaningless.
import type { TestProject } from 'vitest/node';
import { ensureSyntheticModel } from '../scripts/makeSyntheticModel';
import { missingPrerequisites } from './prerequisites';

declare module 'vitest' {
  export interface ProvidedContext {
    syntheticModelPath: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    throw new Error(
      `The test suite cannot run on this machine; missing:\n  ${missing.join('\n  ')}\n` +
        'bash .ci/run installs the OS packages (see README, "Install").',
    );
  }
  project.provide('syntheticModelPath', await ensureSyntheticModel());
}
