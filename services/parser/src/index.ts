export * from './service.js';
export * from './handler.js';
export * from './parse-pool.js';
