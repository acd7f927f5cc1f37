export * from './histogram.js';
export * from './recorder.js';
export * from './figures.js';
export * from './prometheus.js';
