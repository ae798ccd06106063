// Compiler flags that let ggml use the CPU's vector units. node-gyp's defaults build
// whisper.cpp without AVX/FMA/F16C, which makes the encoder ~10x slower (docs/decisions.md).
// NDEBUG silences ggml's per-call debug prints to stderr. The addon is compiled on the machine that runs it, so tuning for the host CPU is safe.
import os from 'node:os';

/** @returns {{ cflags: string, env: Record<string, string> }} */
export function simdBuildEnv(platform = process.platform, arch = process.arch) {
  const override = process.env.COACH_WHISPER_CFLAGS;
  if (override !== undefined) return withFlags(override);
  if (platform === 'win32') return { cflags: '/arch:AVX2', env: { CL: '/arch:AVX2' } };
  if (arch === 'x64') return withFlags('-O3 -DNDEBUG -march=native');
  // NEON is part of the arm64 baseline; -mcpu=native adds fp16/dotprod where the core has them.
  if (arch === 'arm64')
    return withFlags(platform === 'darwin' ? '-O3 -DNDEBUG' : '-O3 -DNDEBUG -mcpu=native');
  return withFlags('-O3 -DNDEBUG');
}

function withFlags(flags) {
  return { cflags: flags, env: { CFLAGS: flags, CXXFLAGS: flags } };
}

export const hostDescription = () =>
  `${process.platform}-${process.arch} ${os.cpus()[0]?.model ?? ''}`.trim();
