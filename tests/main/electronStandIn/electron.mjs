// A small stand-in for the `electron` module, enough for out/main/index.js to start, serve and quit
// under plain Node. It records what the main process asks of Electron (state) and keeps Electron's
// ordering rules that matter here: schemes are registered before 'ready', protocols handled after.
import { EventEmitter } from 'node:events';

export const state = {
  ready: false,
  privilegedSchemes: [],
  schemesRegisteredBeforeReady: null,
  protocolHandlers: new Map(),
  invokeHandlers: new Map(),
  sendHandlers: new Map(),
  windows: [],
  spellChecker: [],
  permissionRequestHandler: null,
  requestFilter: null,
  singleInstanceLockRequested: false,
  partitions: [],
  errorBoxes: [],
  events: [],
  exitCode: null,
  quitCompleted: false,
};

let resolveReady;
const readyPromise = new Promise((r) => (resolveReady = r));
let resolveWindow;
export const firstWindow = new Promise((r) => (resolveWindow = r));
let resolveQuit;
export const quitDone = new Promise((r) => (resolveQuit = r));

class App extends EventEmitter {
  isPackaged = false;
  whenReady() {
    return readyPromise;
  }
  isReady() {
    return state.ready;
  }
  getAppPath() {
    return process.cwd();
  }
  getPath() {
    return process.cwd();
  }
  requestSingleInstanceLock() {
    state.singleInstanceLockRequested = true;
    return true;
  }
  quit() {
    state.events.push('app.quit');
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.emit('will-quit', { preventDefault: () => undefined });
    this.emit('quit');
    for (const w of state.windows) w.destroy();
    state.quitCompleted = true;
    resolveQuit();
  }
  exit(code = 0) {
    state.exitCode = code;
    resolveQuit();
  }
}
export const app = new App();
/** Electron is ready once the main script has been evaluated: the driver says when. */
export function becomeReady() {
  state.ready = true;
  resolveReady();
  app.emit('ready');
}

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (state.ready)
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    state.privilegedSchemes.push(...schemes);
    state.schemesRegisteredBeforeReady = true;
  },
  handle(scheme, handler) {
    if (!state.ready) throw new Error('protocol.handle before the app is ready');
    state.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel, fn) {
    if (state.invokeHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.invokeHandlers.set(channel, fn);
  },
  on(channel, fn) {
    state.sendHandlers.set(channel, fn);
  },
};

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = state.windows.length + 1;
    this.sent = [];
    this.loadedUrls = [];
    this.destroyed = false;
  }
  send(channel, payload) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return state.windows.filter((w) => !w.destroyed);
  }
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.visible = false;
    this.destroyed = false;
    this.hiddenAt = null;
    state.windows.push(this);
    if (state.windows.length === 1) queueMicrotask(() => resolveWindow(this));
  }
  async loadURL(url) {
    this.webContents.loadedUrls.push(url);
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = state.protocolHandlers.get(scheme);
    if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME: ${url}`);
    const res = await handler(new Request(url));
    if (res.status !== 200) throw new Error(`ERR_FILE_NOT_FOUND (${res.status}): ${url}`);
    this.emit('ready-to-show');
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
    this.hiddenAt ??= state.events.length;
    state.events.push('window.hide');
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

function makeSession(name) {
  return {
    name,
    setSpellCheckerEnabled(enabled) {
      state.spellChecker.push({ session: name, enabled });
    },
    setPermissionRequestHandler(fn) {
      state.permissionRequestHandler = fn;
    },
    setPermissionCheckHandler(fn) {
      state.permissionCheckHandler = fn;
    },
    webRequest: {
      onBeforeRequest(fn) {
        state.requestFilter = fn;
      },
    },
  };
}

export const session = {
  defaultSession: makeSession('default'),
  fromPartition(name) {
    state.partitions.push(name);
    return makeSession(name);
  },
};

export const net = {
  request() {
    throw new Error('The start-up smoke test has no network');
  },
};

export const dialog = {
  showErrorBox(title, message) {
    state.errorBoxes.push({ title, message });
  },
  async showMessageBox() {
    return { response: 1 };
  },
};

export const shell = { openExternal: async () => undefined };
export const systemPreferences = {
  getMediaAccessStatus: () => 'granted',
  askForMediaAccess: async () => true,
};

// Under plain Node, main starts the engine as a child process, never through utilityProcess.
export const utilityProcess = {
  fork() {
    throw new Error('utilityProcess is not available under the stand-in');
  },
};

export default {
  app,
  protocol,
  ipcMain,
  BrowserWindow,
  session,
  net,
  dialog,
  shell,
  systemPreferences,
  utilityProcess,
};
