export * from './service.js';
export * from './handler.js';
export * from './retention.js';
export * from './redis-lineage.js';
