export * from './main.js';
export * from './handler.js';
export * from './extraction-pool.js';
