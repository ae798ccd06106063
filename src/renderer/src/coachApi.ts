// The one door to main: every call the renderer makes goes through `coachApi()`, which is `window.api`
// as the preload script (Electron) or the WebSocket bridge (`coach serve`) installed it. Read at call
// time, so tests and the browser bridge can install it after this module loads.
import type { CoachApi } from '../../shared/apiMethods';

export function coachApi(): CoachApi {
  return window.api;
}
