export * from './main.js';
export * from './handler.js';
