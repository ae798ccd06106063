import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  CoachApi,
  InvokeChannel,
  InvokeChannels,
  PushChannel,
  PushChannels,
  SendChannel,
  SendChannels,
} from '../shared/ipcContract';

function invoke<C extends InvokeChannel>(channel: C): InvokeChannels[C] {
  return ((...args: unknown[]) => ipcRenderer.invoke(channel, ...args)) as InvokeChannels[C];
}

function send<C extends SendChannel>(channel: C): SendChannels[C] {
  return ((...args: unknown[]) => ipcRenderer.send(channel, ...args)) as SendChannels[C];
}

function subscribe<C extends PushChannel>(channel: C) {
  return (cb: PushChannels[C]): (() => void) => {
    const listener = (_e: IpcRendererEvent, payload: Parameters<PushChannels[C]>[0]) =>
      (cb as (p: typeof payload) => void)(payload);
    ipcRenderer.on(channel, listener);
    return () => ipcRenderer.removeListener(channel, listener);
  };
}

export const api: CoachApi = {
  getStatus: invoke('app:status'),
  listQuestions: invoke('questions:list'),
  startAnswer: invoke('answer:start'),
  stopAnswer: invoke('answer:stop'),
  cancelAnswer: invoke('answer:cancel'),
  listSessions: invoke('sessions:list'),
  getSession: invoke('session:get'),
  addCustomQuestion: invoke('questions:add-custom'),
  deleteCustomQuestion: invoke('questions:delete-custom'),
  buildPracticeSet: invoke('questions:practice-set'),
  getSettings: invoke('settings:get'),
  updateSettings: invoke('settings:update'),
  resetSettings: invoke('settings:reset'),
  sendAudio: send('audio:chunk'),
  onCaption: subscribe('caption:update'),
  onNudge: subscribe('coach:nudge'),
  onLiveStats: subscribe('live:stats'),
  onEngineStatus: subscribe('engine:status'),
  onAnswerError: subscribe('answer:error'),
};
