export * from './service.js';
export * from './handler.js';
export * from './parse-pool.js';
export * from './feed-status.js';
