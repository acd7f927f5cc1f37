import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkArchitecture, importsOf } from '../infra/scripts/check-architecture.js';

/**
 * The shape of the house (infra/scripts/check-architecture.ts, which
 * `pnpm lint` runs): here each rule is shown to hold on the repository, and
 * to catch a planted violation in a small workspace made for the test.
 */
describe('the repository', () => {
  for (const [rule, found] of Object.entries(checkArchitecture())) {
    it(rule, () => {
      expect(found).toEqual([]);
    });
  }
});

describe('the checks catch what they are for', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tidings-architecture-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A workspace under `root` with these production files and dependencies. */
  function workspace(dir: string, files: Record<string, string>, dependencies: Record<string, string> = {}) {
    const name = dir.startsWith('services/') ? `@tidings/service-${path.basename(dir)}` : `@tidings/${path.basename(dir)}`;
    mkdirSync(path.join(root, dir, 'src'), { recursive: true });
    writeFileSync(path.join(root, dir, 'package.json'), JSON.stringify({ name, dependencies }));
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, dir, 'src', file), text);
  }

  workspace('packages/url', { 'index.ts': `import http from 'node:http';\nexport const a = http;\n` });
  workspace('packages/text', { 'index.ts': `export { x } from '@tidings/queue';\nimport type { Job } from 'bullmq';\nexport type J = Job;\n` }, { '@tidings/queue': '*', bullmq: '*' });
  workspace('packages/queue', { 'index.ts': `import { Queue } from 'bullmq';\nexport const x = Queue;\nimport '../../../services/api/src/app.js';\n` }, { bullmq: '*', 'left-pad': '*' });
  workspace('packages/index', { 'index.ts': `export const y = (await import('@tidings/service-api')).z;\nimport { site } from '../../../test/site/server.js';\nvoid site;\n`, 'index.test.ts': `import 'vitest';\n` }, { '@tidings/service-api': '*' });
  workspace('services/api', { 'app.ts': `import { w } from '@tidings/service-fetcher';\nimport { t } from '@tidings/test';\nexport const z = w + t;\n` }, { '@tidings/service-fetcher': '*' });
  workspace('services/fetcher', { 'main.ts': `export const w = 1;\n` });
  workspace('services/cli', { 'main.ts': `import { z } from '@tidings/service-api';\nexport const v = z;\n` }, { '@tidings/service-api': '*' });
  const found = checkArchitecture(root);

  it('a package importing a service, by name or by path', () => {
    expect(found['no package imports a service']).toEqual(['packages/index/src/index.ts -> @tidings/service-api', 'packages/queue/src/index.ts -> ../../../services/api/src/app.js']);
  });

  it('a service other than the composition root importing another service', () => {
    expect(found['no service but the composition root imports another service']).toEqual(['services/api/src/app.ts -> @tidings/service-fetcher']);
  });

  it('a pure package importing node:http or, at run time, an impure package (a type-only import is fine)', () => {
    expect(found['pure packages use no queue, Redis, network server or database driver']).toEqual(['packages/text/src/index.ts -> @tidings/queue', 'packages/url/src/index.ts -> node:http']);
  });

  it('production code importing test code', () => {
    expect(found['production code never imports test code']).toEqual(['packages/index/src/index.ts -> ../../../test/site/server.js', 'services/api/src/app.ts -> @tidings/test']);
  });

  it('a relative import into another workspace', () => {
    expect(found['no relative import reaches into another workspace']).toEqual(['packages/queue/src/index.ts -> ../../../services/api/src/app.js']);
  });

  it('an unused declared dependency and an undeclared one (tests do not count)', () => {
    expect(found['packages/queue declares exactly what its production code imports']).toEqual(['packages/queue/package.json declares left-pad, which its production code never imports']);
    expect(found['services/api declares exactly what its production code imports']).toEqual(['services/api imports @tidings/test without declaring it in package.json "dependencies"']);
    expect(found['packages/index declares exactly what its production code imports']).toEqual([]);
    expect(found['services/cli declares exactly what its production code imports']).toEqual([]);
  });
});

describe('importsOf', () => {
  it('reads static, type-only, dynamic, re-export and side-effect imports', () => {
    const source = `import a from 'a';\nimport type { B } from "b";\nexport { c } from 'c';\nexport type { D } from 'd';\nconst e = await import('e');\nimport 'f';\nimport {\n  g,\n  type G,\n} from 'g';\n`;
    expect(importsOf(source)).toEqual([
      { specifier: 'a', typeOnly: false },
      { specifier: 'b', typeOnly: true },
      { specifier: 'c', typeOnly: false },
      { specifier: 'd', typeOnly: true },
      { specifier: 'g', typeOnly: false },
      { specifier: 'e', typeOnly: false },
      { specifier: 'f', typeOnly: false },
    ]);
  });
});
