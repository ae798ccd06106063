// Settings for glibc's allocator in the engine processes (Linux; other systems ignore them).
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

/**
 * The environment an engine process starts with: the allocator settings, unless the user set their own,
 * or COACH_ENGINE_MALLOC=glibc-default leaves glibc as it is (bench:stop-memory compares the two).
 */
export function engineEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (base.COACH_ENGINE_MALLOC === 'glibc-default') return { ...base };
  return { ...ENGINE_MALLOC_ENV, ...base };
}
