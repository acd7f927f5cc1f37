// Entry of the feed-parsing worker threads (see parse-pool.ts). Plain
// JavaScript on purpose: a worker thread starts without the module hooks of
// the thread that made it, so it registers tsx itself before loading the
// TypeScript task (the same under `tsx` and under vitest).
import { register } from 'tsx/esm/api';

register();
const { default: runParseTask } = await import('./parse-task.ts');

export default runParseTask;
