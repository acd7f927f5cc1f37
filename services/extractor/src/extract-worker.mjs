// Entry of the extraction worker threads (see extraction-pool.ts). Plain
// JavaScript on purpose: a worker thread starts without the module hooks of
// the thread that made it, so it registers tsx itself before loading the
// TypeScript task. This works the same under `tsx` (tidings start) and under
// vitest, whose own transform does not reach worker threads.
import { register } from 'tsx/esm/api';

register();
const { default: runExtractTask } = await import('./extract-task.ts');

export default runExtractTask;
