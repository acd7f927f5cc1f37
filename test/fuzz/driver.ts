/**
 * Fuzzes one target with jazzer.js; run.ts starts one of these per target:
 *
 *   node --conditions=source --import tsx test/fuzz/driver.ts <target> <seconds> <corpus-dir>
 *
 * tsx's loader (registered first, by --import) compiles the TypeScript;
 * jazzer's ESM loader, registered after it and so run before it, then
 * instruments what tsx gives back for every file under packages/ (outside
 * node_modules), so coverage feedback comes from our code, not the
 * libraries. Exits 0 when the time ran out without a finding, 77 on a
 * crash (a thrown error), 70 on a timeout; libFuzzer writes the input to the
 * target's regressions folder.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FUZZ_DIR, REPO_ROOT, WORK_DIR, findTarget, regressionsDir, targetModule } from './catalog.js';
import { installAddonCompat } from './native-compat.js';

type Jazzer = typeof import('@jazzer.js/core');

const [name, seconds, corpus] = process.argv.slice(2);
if (name === undefined || seconds === undefined || corpus === undefined || !/^\d+$/.test(seconds)) {
  console.error('usage: node --conditions=source --import tsx test/fuzz/driver.ts <target> <seconds> <corpus-dir>');
  process.exit(2);
}
const target = findTarget(name);
const findings = regressionsDir(target);
mkdirSync(findings, { recursive: true });

// Before jazzer loads its native addon: see native-compat.ts.
installAddonCompat(join(WORK_DIR, 'native'));
const jazzer = createRequire(import.meta.url)('@jazzer.js/core') as Jazzer;

const options = new jazzer.OptionsManager(jazzer.OptionSource.DefaultCLIOptions).merge(
  {
    fuzzTarget: pathToFileURL(targetModule(target)).href,
    fuzzEntryPoint: 'fuzz',
    includes: [join(REPO_ROOT, 'packages') + '/'],
    excludes: ['node_modules'],
    // Keep prototype-pollution (a parser copying "__proto__" keys from its input is exactly what we look for).
    // The others guard code that runs commands, opens files or sockets, or evals, which these functions never do,
    // and the eval hook matches every file, so Babel would rewrite all of jsdom and every other library on load.
    disableBugDetectors: ['command-injection', 'path-traversal', 'remote-code-execution', 'ssrf'],
    sync: !target.async,
    timeout: target.timeoutMs,
    fuzzerOptions: [
      corpus,
      `-max_total_time=${seconds}`,
      `-max_len=${target.maxLen}`,
      // Node and jsdom need more than libFuzzer's default 2 GB before an input counts as a memory blow-up.
      '-rss_limit_mb=4096',
      `-artifact_prefix=${findings}/`,
      '-print_final_stats=1',
      ...(target.dictionary ? [`-dict=${join(FUZZ_DIR, 'dictionaries', target.dictionary)}`] : []),
    ],
  },
  jazzer.OptionSource.CommandLineArguments,
);

try {
  const result = await jazzer.startFuzzing(options);
  process.exit(result.returnCode);
} catch (error) {
  console.error('the fuzzer itself failed:', error);
  process.exit(1);
}
