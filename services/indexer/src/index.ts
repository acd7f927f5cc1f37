export * from './service.js';
export * from './handler.js';
