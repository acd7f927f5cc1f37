/**
 * Regenerates public/ from the content modules: `pnpm --filter @tidings/demo-site generate`.
 * The pages are committed so the server stays a plain static server (plus a
 * few failure routes); `site.test.ts` fails when public/ is stale.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PUBLIC_DIR } from './paths.js';
import { renderSite } from './render/site.js';

const files = renderSite();
await rm(PUBLIC_DIR, { recursive: true, force: true });
for (const [urlPath, body] of files) {
  const file = path.join(PUBLIC_DIR, urlPath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, body);
}
process.stdout.write(`wrote ${files.size} files to ${PUBLIC_DIR}\n`);
