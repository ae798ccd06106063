// When a live answer's engine has rested: after a slow pass, a step that is due must not wait for audio
// a client holds back until its caption arrives.

/** Calls `onRested` after `ms` and returns a cancel function. */
export type RestTimer = (ms: number, onRested: () => void) => () => void;

export const wallClockRest: RestTimer = (ms, onRested) => {
  const timer = setTimeout(onRested, ms);
  // An answer left recording must not keep a CLI or test process alive.
  timer.unref?.();
  return () => clearTimeout(timer);
};
