// What the suite needs from the machine, checked once before any test runs: a missing program or
// shared asset fails the run with its name (and the package that provides it) instead of surfacing
// as skipped or failed suites. .ci/run installs the same packages; the README lists them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { missingSharedAssets, SHARED_DIR } from '../scripts/sharedAssets';

/** Program → the Debian package that provides it. */
export const REQUIRED_PROGRAMS: Record<string, string> = {
  'espeak-ng': 'espeak-ng', // coaching fixtures: synthesised answers with known timings
  sox: 'sox', // coaching fixtures: pauses, breaths and levels
  objdump: 'binutils', // tests/tools/simdBuild.test.ts: the whisper.cpp addon holds SIMD code
  tar: 'tar', // session export bundles are checked with the system tar
  flite: 'flite', // further synthetic voices for the coaching fixtures
  festival: 'festival',
  pdftotext: 'poppler-utils', // the PDF report is read back in tests/e2e/trendsSettingsReport.test.ts
  chrt: 'util-linux', // the background engine's threads go to SCHED_IDLE (lowerPriority.ts)
};

/** Python modules the protocol-client tests import → their Debian package. */
const REQUIRED_PYTHON_MODULES: Record<string, string> = {
  websockets: 'python3-websockets',
  requests: 'python3-requests',
};

/** Headless browser for the end-to-end tests and the PDF report. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const onPath = (program: string): boolean =>
  spawnSync('sh', ['-c', `command -v "$1"`, 'sh', program], { stdio: 'ignore' }).status === 0;

export function missingPrerequisites(): string[] {
  const missing = Object.entries(REQUIRED_PROGRAMS)
    .filter(([program]) => !onPath(program))
    .map(([program, pkg]) => `${program} (apt-get install -y ${pkg})`);
  for (const [module, pkg] of Object.entries(REQUIRED_PYTHON_MODULES)) {
    const found = spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
    if (!found) missing.push(`python3 module ${module} (apt-get install -y ${pkg})`);
  }
  if (!existsSync(CHROMIUM_PATH)) missing.push(`${CHROMIUM_PATH} (apt-get install -y chromium)`);
  for (const asset of missingSharedAssets())
    missing.push(`${asset} (the shared recordings and VAD model: set COACH_SHARED_DIR, now ${SHARED_DIR})`);
  return missing;
}
