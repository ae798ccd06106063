import { useEffect, type ComponentType } from 'react';
import { EngineBadge } from './EngineBadge';
import { HistoryScreen } from './features/history/HistoryScreen';
import { RecoveryNotices } from './features/recovery/RecoveryNotices';
import { PracticeScreen } from './features/practice/PracticeScreen';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { TrendsScreen } from './features/trends/TrendsScreen';
import { navigate, useRoute } from './routing/navigation';
import { screenRoute, type Screen } from './routing/routes';
import { useRouteSync } from './routing/useRouteSync';
import { useCoachStore } from './store';
import { startIpcBridge } from './store/ipcBridge';

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
  const route = useRoute();
  const recording = useCoachStore((s) => s.recording);

  useEffect(() => startIpcBridge(), []);
  useRouteSync(route);
  const screen = route.screen;
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
              onClick={() => navigate(screenRoute(id))}
            >
              {label}
            </button>
          ))}
        </nav>
        <EngineBadge />
      </header>
      <main className="app-main">
        <RecoveryNotices />
        <View />
      </main>
    </div>
  );
}
