// Entry of the feed-parsing worker threads when Tidings runs from its
// TypeScript sources (see parse-pool.ts; compiled, a thread loads
// parse-task.js itself). Plain JavaScript on purpose: a worker thread starts
// without the module hooks of the thread that made it, so it registers tsx
// itself before loading the TypeScript task (the same under `tsx` and under
// vitest).
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

// Workspace packages resolve to their TypeScript sources under the "source"
// export condition; a worker thread does not inherit its parent's
// --conditions flag, so it adds the condition itself.
registerHooks('data:text/javascript,export const resolve = (specifier, context, next) => next(specifier, { ...context, conditions: [...context.conditions, "source"] });');
register();
const { default: runParseTask } = await import('./parse-task.ts');

export default runParseTask;
