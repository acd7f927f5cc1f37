#!/usr/bin/env node
/**
 * The `tidings` executable (package.json "bin", the Docker entrypoint). It
 * only picks what to load: compiled, the bundle `pnpm build` makes of the
 * program (program.bundle.js, and a chunk per lazily loaded command: a few
 * files to read instead of a few hundred, a quarter less CPU for `tidings
 * extract`) when it is up to date, else the compiled program.js (a build
 * that stopped at `tsc -b`); from the sources, program.ts. Nothing else is
 * imported here: every start, `--help` included, pays for what this loads.
 */
import { bundledModule } from '@tidings/task-pool/bundled-module';

// `tidings extract` waits mostly on its extraction thread (loading the extractor, then a cold first
// page): started first, the thread loads while this one loads the program, which takes it over.
if (process.argv[2] === 'extract') (await import('@tidings/service-extractor/extraction-pool')).prestartExtraction();

await import(bundledModule(import.meta.url, './program').href);
