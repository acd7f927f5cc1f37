/** Why a process was asked to stop. */
export type StopReason = 'SIGTERM' | 'SIGINT' | 'parent-exited';

/** How often a process checks that the one that started it is still there. */
const PARENT_CHECK_MS = 1_000;

/**
 * Whether the process was started by a package manager's script (`pnpm
 * tidings ...`, `npm run ...`), which sets npm_lifecycle_event for it.
 */
function startedByPackageManager(env: NodeJS.ProcessEnv): boolean {
  return env.npm_lifecycle_event !== undefined && env.npm_lifecycle_event !== '';
}

/**
 * Resolves once the process is asked to stop: SIGTERM (docker stop, a
 * supervisor), SIGINT (Ctrl-C), or, for a process a package manager's
 * script started, its parent went away. The last covers a package manager
 * killed on its own without passing the signal on: the process is
 * re-parented, and it drains as if it had been sent SIGTERM instead of
 * running on unseen. A process started any other way is not watched: one
 * launched with `nohup ... &` or `setsid` loses its parent, the shell, on
 * purpose, and must keep running. The one place in Tidings that listens
 * for these signals.
 */
export function whenStopRequested(env: NodeJS.ProcessEnv = process.env): Promise<StopReason> {
  return new Promise((resolve) => {
    // 0: nothing to watch (PID 1 in a container has no parent to lose either).
    const initialParent = startedByPackageManager(env) ? process.ppid : 0;
    const stop = (reason: StopReason) => {
      process.removeListener('SIGTERM', onTerm);
      process.removeListener('SIGINT', onInt);
      clearInterval(watch);
      resolve(reason);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
    // A changed ppid means the parent exited.
    const watch = setInterval(() => {
      if (initialParent > 1 && process.ppid !== initialParent) stop('parent-exited');
    }, PARENT_CHECK_MS);
    watch.unref();
  });
}
