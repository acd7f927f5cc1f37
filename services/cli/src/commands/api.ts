import type { Command } from 'commander';
import type { Runtime } from '@tidings/runtime';
import type { ApiServer } from '@tidings/service-api';
import { CliError, cliConfig, cliLogger, note, out, wholeNumber, withRuntime } from '../context.js';

/** Parses --port: a whole number 0-65535 (0: any free port). */
export function portNumber(value: string): number {
  const port = wholeNumber(value);
  if (port === null || port > 65_535) throw new CliError(`--port must be a whole number from 0 to 65535, got "${value}"`, 2);
  return port;
}

/**
 * Starts the API on the runtime and says where it is: the URL alone on
 * stdout (for scripts), the page, dashboard and metrics on stderr.
 */
export async function serveApi(runtime: Runtime, options: { host?: string; port?: number } = {}): Promise<ApiServer> {
  // Loaded on use: every other command starts without Fastify, bull-board and their dependencies.
  const { DASHBOARD_PATH, startApi } = await import('@tidings/service-api');
  let server: ApiServer;
  try {
    server = await startApi(runtime, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`cannot listen on ${options.host ?? runtime.config.api.host}:${options.port ?? runtime.config.api.port}: the port is in use (use --port or TIDINGS_API_PORT)`);
    throw new CliError((error as Error).message, 2);
  }
  out(server.url);
  const auth = runtime.config.api.token ? (runtime.config.api.publicRead ? 'writes and dashboard need the token' : 'every request needs the token') : 'no token: open to this machine only';
  note(`tidings: API on ${server.url} (search page /, dashboard ${DASHBOARD_PATH}, /metrics, /api/openapi.json; ${auth})`);
  return server;
}

/** `tidings api [--host H] [--port P]`. */
export function registerApiCommand(program: Command): void {
  program
    .command('api')
    .description('serve the HTTP API, the search page, the queue dashboard and /metrics until stopped')
    .option('--host <address>', 'address to listen on [TIDINGS_API_HOST, 127.0.0.1]; a non-loopback one needs TIDINGS_API_TOKEN')
    .option('--port <port>', 'port to listen on [TIDINGS_API_PORT, 8080]; 0 for any free port', portNumber)
    .action(async (options: { host?: string; port?: number }) => {
      const { whenStopRequested } = await import('@tidings/runtime');
      const config = await cliConfig();
      await withRuntime(config, await cliLogger(config, false), async (runtime) => {
        const server = await serveApi(runtime, options);
        const signal = await whenStopRequested();
        note(`tidings: ${signal}, stopping the API...`);
        await server.close();
      });
    });
}
