// A worker process for the heartbeat test: the real start-up path (runServiceProcess: config from
// the environment, runtime, startServices with its heartbeat, graceful stop on SIGTERM) around a
// service that takes no jobs, so the test depends on nothing but Redis and the index.
import { runServiceProcess } from '@tidings/runtime';

const role = process.argv[2] ?? 'probe';
runServiceProcess([() => ({ workers: [] })], { name: role }).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`heartbeat child: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
