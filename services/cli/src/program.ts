/**
 * The `tidings` program: its commands, the parsing of its arguments, and how
 * a failure is reported. main.ts, the executable, loads it (or its bundle).
 */
import { Command, CommanderError } from 'commander';
// The version alone, not the HTTP client: `tidings --help` loads no command's dependencies.
import { TIDINGS_VERSION } from '@tidings/http/version';
import { CONFIG_VARIABLES } from '@tidings/config/variables';
import { describeError } from '@tidings/contracts/errors';
import { registerAlertCommands } from './commands/alerts.js';
import { registerApiCommand } from './commands/api.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerDocumentCommands } from './commands/documents.js';
import { registerFeedCommands } from './commands/feeds.js';
import { registerOpmlCommands } from './commands/opml.js';
import { registerPipelineCommands } from './commands/pipeline.js';
import { registerPruneCommand } from './commands/prune.js';
import { registerRetryCommand } from './commands/retry.js';
import { registerQueryCommands } from './commands/query.js';
import { registerTopCommand } from './commands/top.js';
import { CliError } from './context.js';

/** The configuration's variables, and the one only the CLI reads. */
const HELP_VARIABLES = [...CONFIG_VARIABLES, { name: 'TIDINGS_DEBUG', default: '(unset)', description: 'set: an unexpected error prints its stack trace too' }];
const HELP_NAME_WIDTH = Math.max(...HELP_VARIABLES.map((v) => v.name.length));

/**
 * Commander's usage error as Tidings says it. An unknown option of one dash and a word is most
 * often a search word meant to be left out (`search x -war`): say how to give it.
 */
function usageError(text: string): string {
  const line = text.replace(/^error: /, '');
  const dashed = /^unknown option '(-[^-\s'][^\s']+)'\n?$/u.exec(line);
  return dashed ? `${line.trimEnd()} (a word that starts with '-' goes after '--': tidings search -- x ${dashed[1]})\n` : line;
}

const program = new Command('tidings')
  .version(TIDINGS_VERSION)
  .description('Tidings: subscribe to news feeds, follow every item to its article, search what was read.')
  .exitOverride()
  // A usage error is one line on stderr; the help is one `--help` away, not printed after it.
  .configureOutput({ outputError: (text, write) => write(`tidings: ${usageError(text)}`) })
  .addHelpText(
    'after',
    `\nEnvironment (defaults in brackets):\n${HELP_VARIABLES.map((v) => `  ${v.name.padEnd(HELP_NAME_WIDTH)} ${v.description} [${v.default}]`).join('\n')}`,
  );

// A reader that stops early (`tidings search x --json | head`) closes the pipe: the output is over,
// which is no failure to report, and certainly not as a stack trace. Stop quietly, as filters do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`tidings: cannot write to stdout: ${error.message}\n`);
  process.exit(1);
});

// Each command loads what it runs on inside its action (dynamic import): `--help` and every command start without the others' dependencies.
registerFeedCommands(program);
registerOpmlCommands(program);
registerPipelineCommands(program);
registerTopCommand(program);
registerQueryCommands(program);
registerDocumentCommands(program);
registerDemoCommand(program);
registerApiCommand(program);
registerAlertCommands(program);
registerPruneCommand(program);
registerRetryCommand(program);

try {
  rejectUnknownCommand(program, process.argv.slice(2));
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed help/version or the usage error.
    process.exitCode = error.exitCode;
  } else if (error instanceof CliError) {
    process.stderr.write(`tidings: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`tidings: ${describeError(error).message}\n`);
    if (process.env.TIDINGS_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = 1;
  }
}

/**
 * Commander answers `tidings nosuch --help` with the top-level help and exit
 * 0, which hides a typo in a script; an unknown command is an error whatever
 * follows it.
 */
function rejectUnknownCommand(root: Command, args: string[]): void {
  const name = args.find((arg) => !arg.startsWith('-'));
  if (name === undefined || name === 'help') return;
  const known = root.commands.some((command) => command.name() === name || command.aliases().includes(name));
  if (!known) throw new CliError(`unknown command '${name}' (see tidings --help)`, 1);
}
