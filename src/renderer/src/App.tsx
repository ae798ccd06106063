import { useEffect, useRef, useState, type ComponentType } from 'react';
import { NO_MODEL_HEADLINE } from '../../shared/modelsContract';
import { EngineBadge } from './EngineBadge';
import { HistoryScreen } from './features/history/HistoryScreen';
import { PracticeScreen } from './features/practice/PracticeScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { TrendsScreen } from './features/trends/TrendsScreen';
import { useCoachStore } from './store';
import { startIpcBridge } from './store/ipcBridge';

type Screen = 'practice' | 'history' | 'trends' | 'settings';

const SCREENS: { id: Screen; label: string }[] = [
  { id: 'practice', label: 'Practice' },
  { id: 'history', label: 'History' },
  { id: 'trends', label: 'Trends' },
  { id: 'settings', label: 'Settings' },
];

const SCREEN_VIEWS: Record<Screen, ComponentType> = {
  practice: PracticeScreen,
  history: HistoryScreen,
  trends: TrendsScreen,
  settings: SettingsScreen,
};

export function App() {
  const [screen, setScreen] = useState<Screen>('practice');
  const recording = useCoachStore((s) => s.recording);

  useEffect(() => startIpcBridge(), []);
  useModelsRedirect(setScreen);
  const View = SCREEN_VIEWS[screen];

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Interview Coach
        </div>
        <nav className="app-nav" aria-label="Main">
          {SCREENS.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              className="nav-tab"
              aria-current={screen === id ? 'page' : undefined}
              // Stay on Practice while an answer is being recorded or finalised.
              disabled={screen !== id && recording !== 'idle'}
              onClick={() => setScreen(id)}
            >
              {label}
            </button>
          ))}
        </nav>
        <EngineBadge />
      </header>
      <main className="app-main">
        <View />
      </main>
    </div>
  );
}

/**
 * Opens Settings → Models when asked (the Practice screen's button), and once by itself on a first
 * run without any speech model, since nothing else works until one is installed.
 */
function useModelsRedirect(setScreen: (screen: Screen) => void): void {
  const focusModels = useCoachStore((s) => s.focusModels);
  const noModel = useCoachStore(
    (s) => s.engineStatus.state === 'error' && s.engineStatus.message.startsWith(NO_MODEL_HEADLINE),
  );
  const redirected = useRef(false);
  useEffect(() => {
    if (focusModels) setScreen('settings');
  }, [focusModels, setScreen]);
  useEffect(() => {
    if (!noModel || redirected.current) return;
    redirected.current = true;
    useCoachStore.setState({ focusModels: true });
  }, [noModel]);
}
