export * from './runtime.js';
export * from './service.js';
export * from './shutdown.js';
export * from './process.js';
export * from './heartbeat.js';
