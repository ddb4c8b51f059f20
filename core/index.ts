export * from './ports';
export * from './backoff';
export * from './liveClient';
export * from './liveHost';
export * from './settings';
