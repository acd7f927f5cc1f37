// Entry of every pool's worker threads when Tidings runs from its TypeScript
// sources (see pool.ts; compiled, a thread starts at task-thread.js itself).
// Plain JavaScript on purpose: a worker thread starts without the module hooks
// of the thread that made it, so it registers tsx itself before loading the
// thread's TypeScript entry, which loads the TypeScript task named in its
// workerData. This works the same under `tsx` (tidings start) and under vitest,
// whose own transform does not reach worker threads.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

// Workspace packages resolve to their TypeScript sources under the "source"
// export condition; a worker thread does not inherit its parent's
// --conditions flag, so it adds the condition itself.
registerHooks('data:text/javascript,export const resolve = (specifier, context, next) => next(specifier, { ...context, conditions: [...context.conditions, "source"] });');
register();
await import('./task-thread.ts');
