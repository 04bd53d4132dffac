/**
 * The whole preload: window.api generated from the contract, over ipcRenderer. No other logic, and
 * no raw ipcRenderer handed to the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi } from '../shared/api';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, type AppEvent } from '../shared/contract';

const api = createApi({
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE_PREFIX + channel, input),
  subscribe: (listener) => {
    const handler = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
});

contextBridge.exposeInMainWorld('api', api);
