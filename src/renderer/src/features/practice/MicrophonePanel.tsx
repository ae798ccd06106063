import { useCallback, useEffect, useState } from 'react';
import { listInputDevices, watchInputDevices, type InputDevice } from '../../audio/microphone';
import { useCoachStore } from '../../store';
import { toggleMicCheck } from './answerRecorder';
import { LevelMeter } from './LevelMeter';

export function MicrophonePanel() {
  const microphoneId = useCoachStore((s) => s.microphoneId);
  const chooseMicrophone = useCoachStore((s) => s.chooseMicrophone);
  const recording = useCoachStore((s) => s.recording);
  const micCheck = useCoachStore((s) => s.micCheck);
  const [devices, setDevices] = useState<InputDevice[]>([]);

  const refresh = useCallback(() => {
    listInputDevices().then(
      (list) => {
        setDevices(list);
        // The chosen microphone was unplugged: fall back to the system default.
        const chosen = useCoachStore.getState().microphoneId;
        if (list.length > 0 && chosen !== '' && !list.some((d) => d.deviceId === chosen))
          chooseMicrophone('');
      },
      () => setDevices([]),
    );
  }, [chooseMicrophone]);

  // Labels only appear once the microphone has been allowed, so list again whenever it opens.
  const micOpen = recording === 'recording' || micCheck === 'on';
  useEffect(() => {
    refresh();
    return watchInputDevices(refresh);
  }, [refresh, micOpen]);

  const busy = recording !== 'idle';

  return (
    <div className="mic-panel">
      <label className="field mic-field">
        <span className="field-label">Microphone</span>
        <select
          value={microphoneId}
          onChange={(e) => chooseMicrophone(e.target.value)}
          disabled={busy || micCheck !== 'off'}
        >
          <option value="">System default</option>
          {devices.map((d) => (
            <option key={d.deviceId} value={d.deviceId}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <div className="mic-level">
        <span className="field-label" aria-hidden="true">
          Level
        </span>
        <div className="mic-level-track">
          <LevelMeter />
        </div>
      </div>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void toggleMicCheck()}
        disabled={busy || micCheck === 'starting'}
        aria-pressed={micCheck === 'on'}
      >
        {micCheck === 'on' ? 'Stop test' : 'Test microphone'}
      </button>
    </div>
  );
}
