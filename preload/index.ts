// The sandboxed preload: exposes the LiveBridge as `window.live`, and no raw ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeApi } from './bridgeApi';

contextBridge.exposeInMainWorld('live', createBridgeApi(ipcRenderer));
