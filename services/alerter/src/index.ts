export * from './service.js';
export * from './handler.js';
export * from './matcher.js';
export * from './delivery-worker.js';
export * from './receiver-slots.js';
export * from './webhook.js';
export * from './retry-after.js';
export * from './signature.js';
