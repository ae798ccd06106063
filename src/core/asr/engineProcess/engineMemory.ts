// How the engine processes keep their memory flat over a long answer: glibc's allocator settings (Linux;
// other systems ignore them) and a collection of the JavaScript heap after each pass.
//
// whisper.cpp allocates and frees its compute buffers on every pass, from several threads. By default
// glibc raises its mmap threshold each time such a buffer is freed, so the next ones come from
// per-thread arenas that keep the memory after it is freed: the engines' resident memory then grows
// with the number of passes, that is with the answer's length (bench:stop-memory measured 648 MB at
// 30 s against 1154 MB at 10 min). A fixed threshold hands large buffers back to the system on free,
// and two arenas keep the small allocations from spreading over one heap per thread.
export const ENGINE_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/** COACH_ENGINE_MEMORY=unmanaged starts the engines as they were before issue #15 (bench:stop-memory). */
const unmanaged = (base: NodeJS.ProcessEnv): boolean => base.COACH_ENGINE_MEMORY === 'unmanaged';

/** The environment an engine process starts with: the allocator settings, unless the user set their own. */
export function engineEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (unmanaged(base)) return { ...base };
  return { ...ENGINE_MALLOC_ENV, ...base };
}

/**
 * Each pass's audio reaches the engine as a new buffer of up to a megabyte or two, garbage once the pass
 * is done. The engine's JavaScript heap is tiny, so V8 collects it rarely, and tens of megabytes of
 * spent audio stay resident while the next pass adds its compute buffers on top (a live engine's peak
 * crept from 265 to 325 MB over 200 passes; collected after every pass it stays at 269 MB). Node keeps
 * `gc` to itself unless the process is started with this flag.
 */
export function engineExecArgv(base: NodeJS.ProcessEnv = process.env): string[] {
  return unmanaged(base) ? [] : ['--expose-gc'];
}

/** After a pass: frees its audio now (a full collection of a heap this small takes a few milliseconds, after the result is sent). */
export function collectPassGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
