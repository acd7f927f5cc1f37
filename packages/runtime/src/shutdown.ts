/** Why a process was asked to stop. */
export type StopReason = 'SIGTERM' | 'SIGINT' | 'parent-exited';

/** How often a process checks that the one that started it is still there. */
const PARENT_CHECK_MS = 1_000;

/**
 * Resolves once the process is asked to stop: SIGTERM (docker stop, a
 * supervisor), SIGINT (Ctrl-C), or its parent went away. The last covers
 * wrappers that die without passing the signal on (a package manager or a
 * shell killed on its own): the process is re-parented, and it drains as if
 * it had been sent SIGTERM instead of running on unseen. The one place in
 * Tidings that listens for these signals.
 */
export function whenStopRequested(): Promise<StopReason> {
  return new Promise((resolve) => {
    const initialParent = process.ppid;
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
    // PID 1 in a container has no parent to lose (ppid 0); elsewhere a changed ppid means the parent exited.
    const watch = setInterval(() => {
      if (initialParent > 1 && process.ppid !== initialParent) stop('parent-exited');
    }, PARENT_CHECK_MS);
    watch.unref();
  });
}
