export * from './queues.js';
export * from './errors.js';
export * from './records.js';
export * from './jobs.js';
export * from './redis-keys.js';
export * from './search-filters.js';
export * from './alerts.js';
