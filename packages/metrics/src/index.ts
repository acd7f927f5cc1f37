export * from './histogram.js';
export * from './recorder.js';
export * from './figures.js';
export * from './prometheus.js';
export * from './workers.js';
export * from './pipeline-view.js';
export * from './timeline.js';
