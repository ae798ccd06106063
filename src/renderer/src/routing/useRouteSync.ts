// Keeps the store and the address in step: the address says which session is open, the store says
// whether a practice set is under way, and a recording holds the app on Practice.
import { useEffect, useRef } from 'react';
import { NO_MODEL_HEADLINE } from '../../../shared/modelsContract';
import { useCoachStore } from '../store';
import { navigate, useRoute } from './navigation';
import { PRACTICE_ROUTE, PRACTICE_SET_ROUTE, type Route } from './routes';

export function useRouteSync(route: Route): void {
  const recording = useCoachStore((s) => s.recording);
  const inSet = useCoachStore((s) => s.practiceSet !== null);

  // An answer being recorded or finalised keeps the app on Practice, whatever Back says.
  useEffect(() => {
    if (recording !== 'idle' && route.screen !== 'practice') {
      navigate(inSet ? PRACTICE_SET_ROUTE : PRACTICE_ROUTE, { replace: true });
    }
  }, [recording, route.screen, inSet]);

  // A set in progress has its own address; starting or ending one rewrites the entry, so Back leaves
  // Practice instead of bouncing between the set and the picker.
  useEffect(() => {
    if (route.screen !== 'practice' || route.set === inSet) return;
    navigate(inSet ? PRACTICE_SET_ROUTE : PRACTICE_ROUTE, { replace: true });
  }, [route, inSet]);

  useModelsRedirect();
}

/** History: the open session follows the address (a reload, a link, Back); leaving History closes it. */
export function useSessionRoute(): void {
  const route = useRoute();
  const sessionId = route.screen === 'history' ? route.sessionId : null;
  useEffect(() => {
    const s = useCoachStore.getState();
    if (sessionId) {
      if (s.selectedSessionId !== sessionId) void s.openSession(sessionId);
    } else if (s.selectedSessionId) {
      s.closeSession();
    }
  }, [sessionId]);
  useEffect(
    () => () => {
      if (useCoachStore.getState().selectedSessionId) useCoachStore.getState().closeSession();
    },
    [],
  );
}

/**
 * Opens Settings → Models when asked (the Practice screen's button), and once by itself on a first
 * run without any speech model, since nothing else works until one is installed.
 */
function useModelsRedirect(): void {
  const focusModels = useCoachStore((s) => s.focusModels);
  const noModel = useCoachStore(
    (s) => s.engineStatus.state === 'error' && s.engineStatus.message.startsWith(NO_MODEL_HEADLINE),
  );
  const redirected = useRef(false);
  useEffect(() => {
    if (focusModels) navigate({ screen: 'settings' });
  }, [focusModels]);
  useEffect(() => {
    if (!noModel || redirected.current) return;
    redirected.current = true;
    useCoachStore.setState({ focusModels: true });
  }, [noModel]);
}
