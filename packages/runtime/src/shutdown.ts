/** Why a process was asked to stop. */
export type StopReason = 'SIGTERM' | 'SIGINT' | 'parent-exited';

/** The entry point's early-stop module, when it loaded one (its state is per process, shared through this hook). */
const EARLY_STOP = Symbol.for('tidings.earlyStop');

/** The stop early-stop.ts caught before anything listened, if it was loaded and caught one. */
function earlyStop(): StopReason | null {
  const take = (globalThis as { [EARLY_STOP]?: () => StopReason | null })[EARLY_STOP];
  return take ? take() : null;
}

/** How often a process checks that the one that started it is still there. */
const PARENT_CHECK_MS = 1_000;

/**
 * Whether this process is the one a package manager's script started (`pnpm
 * tidings ...` runs `exec node ... services/cli/src/main.ts`): the script
 * (npm_lifecycle_script, which pnpm and npm set) names this process's entry
 * point. Every process below a script inherits the variable, a test run's
 * or a runner's included; only the script's own process has its parent in
 * the package manager.
 */
function startedByPackageManager(env: NodeJS.ProcessEnv, entry: string | undefined = process.argv[1]): boolean {
  const script = env.npm_lifecycle_script;
  if (!script || !entry) return false;
  const normalised = entry.replaceAll('\\', '/');
  return script.split(/\s+/u).some((word) => /[/.]/u.test(word) && normalised.endsWith(word.replace(/^\.\//u, '')));
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
  // A signal that came while a worker's modules loaded (early-stop.ts, imported first by its entry point).
  const early = earlyStop();
  if (early !== null) return Promise.resolve(early);
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
