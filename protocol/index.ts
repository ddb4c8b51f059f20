export * from './common';
export * from './events';
export * from './channels';
export * from './errors';
export * from './actions';
export * from './socket';
export * from './bridge';
export * from './snapshot';
