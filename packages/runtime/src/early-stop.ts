/**
 * Imported first by a worker's entry point (`services/<name>/src/main.ts`),
 * before the modules that take it a good half second to load: a SIGTERM or
 * SIGINT that comes meanwhile (a supervisor stopping a worker it has just
 * started) is remembered instead of ending the process with 143, and the
 * process stops cleanly as soon as it listens (whenStopRequested). Only
 * there: a command that never listens (`tidings search`) must still end on
 * Ctrl-C.
 */
let early: 'SIGTERM' | 'SIGINT' | null = null;
const onTerm = (): void => {
  early ??= 'SIGTERM';
};
const onInt = (): void => {
  early ??= 'SIGINT';
};
process.once('SIGTERM', onTerm);
process.once('SIGINT', onInt);
// Found by whenStopRequested without importing this module (which would install the listeners in every process).
(globalThis as Record<symbol, unknown>)[Symbol.for('tidings.earlyStop')] = takeEarlyStop;

/** The stop asked for before the process listened, if any; from now on whenStopRequested listens itself. */
export function takeEarlyStop(): 'SIGTERM' | 'SIGINT' | null {
  process.removeListener('SIGTERM', onTerm);
  process.removeListener('SIGINT', onInt);
  return early;
}
