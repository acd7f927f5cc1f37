export * from './service.js';
export * from './handler.js';
export * from './matcher.js';
export * from './webhook.js';
