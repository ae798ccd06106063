// The one cap on answers streaming at once, shared by every way into the server: /ws/transcribe
// sessions, HTTP chunk sessions and answers recorded over the app bridge (/ws/api). A slot is taken
// synchronously, before any await, so a burst of starts cannot all pass the check before one counts.
export type ReleaseSlot = () => void;

export class StreamSlots {
  private taken = 0;

  constructor(readonly max: number) {}

  /** Answers holding a slot: streaming, starting, or being finished and saved. */
  get size(): number {
    return this.taken;
  }

  /** Takes a slot, or null when all `max` are taken. Releasing twice frees it once. */
  tryTake(): ReleaseSlot | null {
    if (this.taken >= this.max) return null;
    this.taken += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken -= 1;
    };
  }
}
