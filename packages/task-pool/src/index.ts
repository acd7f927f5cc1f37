export * from './pool.js';
export * from './task.js';
