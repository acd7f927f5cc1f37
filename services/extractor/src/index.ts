export * from './service.js';
export * from './handler.js';
export * from './extraction-pool.js';
