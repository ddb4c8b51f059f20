export * from './ports';
export * from './backoff';
export * from './liveClient';
export { readPositions } from './positions';
export * from './liveHost';
export * from './settings';
