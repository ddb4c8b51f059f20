// A LiveBridge double for component tests: records calls, lets the test push batches.
import { vi } from 'vitest';
import { DEFAULT_SETTINGS, LiveError, type ExportProgress, type LiveBatch, type LiveBridge } from '../../../protocol';
import { webDesktop } from '../bridge/webDesktop';

export function fakeBridge(overrides: Partial<LiveBridge> = {}) {
  const batchListeners = new Set<(b: LiveBatch) => void>();
  const progressListeners = new Set<(p: ExportProgress) => void>();
  let settings = { ...DEFAULT_SETTINGS };
  const bridge: LiveBridge = {
    getState: vi.fn(async () => ({ connection: { state: 'idle' as const, since: 0, attempt: 0 }, channels: {} })),
    onBatch: (cb) => {
      batchListeners.add(cb);
      return () => batchListeners.delete(cb);
    },
    login: vi.fn(async (req) => ({ user: { id: 'u1', name: req.username, role: 'warehouse' as const } })),
    serverInfo: vi.fn(async () => ({ version: '0.1.0', demo: false, features: [] })),
    logout: vi.fn(async () => undefined),
    act: vi.fn(async () => ({ key: 'k'.repeat(16) })),
    retryNow: vi.fn(async () => undefined),
    resync: vi.fn(async () => undefined),
    getSettings: vi.fn(async () => settings),
    setSettings: vi.fn(async (patch) => (settings = { ...settings, ...patch })),
    onSound: () => () => undefined,
    notificationDismissed: vi.fn(async () => undefined),
    dismissFailed: vi.fn(async () => undefined),
    setView: vi.fn(async () => undefined),
    onFocus: () => () => undefined,
    adminRead: vi.fn(async () => {
      throw new LiveError('forbidden', 'Not an administrator');
    }),
    adminAct: vi.fn(async () => {
      throw new LiveError('forbidden', 'Not an administrator');
    }),
    query: vi.fn(async () => ({ items: [], total: 0 })),
    exportCsv: vi.fn(async () => ({ state: 'saved' as const, file: '/tmp/siparisler.csv', bytes: 20, rows: 1 })),
    cancelExport: vi.fn(async () => undefined),
    onExportProgress: (cb) => {
      progressListeners.add(cb);
      return () => progressListeners.delete(cb);
    },
    ...webDesktop,
    ...overrides,
  };
  return {
    bridge,
    push: (b: LiveBatch) => batchListeners.forEach((cb) => cb(b)),
    progress: (p: ExportProgress) => progressListeners.forEach((cb) => cb(p)),
  };
}
