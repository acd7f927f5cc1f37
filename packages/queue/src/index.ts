export * from './redis.js';
export * from './redis-client.js';
export * from './body-store.js';
export * from './queues.js';
export * from './worker.js';
export * from './events.js';
export * from './job-tracing.js';
export * from './redis-durability.js';
