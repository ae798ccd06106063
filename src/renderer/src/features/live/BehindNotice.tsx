import { useCoachStore } from '../../store';

export function BehindNotice() {
  const behind = useCoachStore((s) => s.liveStats?.behind === true && s.recording === 'recording');
  return (
    <div role="status" className="behind-slot">
      {behind && (
        <p className="behind-notice">
          Your computer is falling behind; captions may lag — nothing will be lost.
        </p>
      )}
    </div>
  );
}
