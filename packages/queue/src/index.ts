export * from './redis.js';
export * from './body-store.js';
export * from './queues.js';
export * from './worker.js';
export * from './events.js';
