// What the e2e tests read of a page that records: its microphone tracks and its timer.
import type { Page } from 'playwright-core';

/** Collects the page's microphone tracks as getUserMedia hands them out (add with page.addInitScript). */
export const MIC_TRACK_SPY = `(() => {
  const md = navigator.mediaDevices;
  const original = md.getUserMedia.bind(md);
  window.__micTracks = [];
  md.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    window.__micTracks.push(...stream.getTracks());
    return stream;
  };
})();`;

/** True once the page has had a microphone and released every track of it. */
export function micTracksEnded(page: Page): Promise<unknown> {
  return page.evaluate(
    '(() => { const t = window.__micTracks; return t.length > 0 && t.every((x) => x.readyState === "ended"); })()',
  );
}

/** Seconds shown by a clock such as "01:05"; NaN if there is none. */
export function clockSec(clock: string): number {
  const m = /(\d+):(\d\d)/.exec(clock);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}
