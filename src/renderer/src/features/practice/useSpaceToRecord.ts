import { useEffect } from 'react';

/** Elements where Space already means something (typing, choosing, pressing that control). */
const SPACE_OWNERS = 'input, select, textarea, button, a[href], summary, [contenteditable], [role="button"]';

/** Space anywhere else on the page calls `onToggle` (no auto-repeat). */
export function useSpaceToRecord(onToggle: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.code !== 'Space' && event.key !== ' ') return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target;
      if (target instanceof Element && target.closest(SPACE_OWNERS)) return;
      event.preventDefault();
      if (!event.repeat) onToggle();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onToggle, enabled]);
}
