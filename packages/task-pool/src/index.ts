export * from './bundled-module.js';
export * from './pool.js';
export * from './task.js';
