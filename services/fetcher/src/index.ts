export * from './service.js';
export * from './handler.js';
export { startFetchWorker, type DeferReason, type FetchJobContext } from './fetch-worker.js';
