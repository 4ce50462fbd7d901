import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkEdges } from './layering/layer-rules.ts';
import { importsOf, listSourceFiles } from './layering/source-imports.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const violationsIn = (root: string): string[] =>
  checkEdges(listSourceFiles(root).flatMap((file) => importsOf(root, file))).map(
    (v) => `${v.edge.from} -> ${v.edge.to}: ${v.rule}`,
  );

describe('layering', () => {
  it('the repository has no import against the layers', () => {
    expect(violationsIn(ROOT)).toEqual([]);
  });

  // The checker proves itself on a small tree: a rule that cannot fail would pass above too.
  const sandbox = mkdtempSync(join(tmpdir(), 'radar-layering-'));
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(sandbox, path)), { recursive: true });
    writeFileSync(join(sandbox, path), text);
  };

  it('catches each kind of bad import, and lets the good ones through', () => {
    write('test/kafka/kit.ts', 'export const kit = 1;\n');
    write('api/server.ts', 'export const server = 1;\n');
    write('stats/verdict.ts', 'export const verdict = 1;\n');
    write('kpi/refresh.fixture.ts', 'export const f = 1;\n');
    write('ingest/consumer.ts', "import { kit } from '../test/kafka/kit.ts';\nimport { server } from '../api/server.ts';\n");
    write('alerts/engine.ts', "export const load = () => import('../kpi/refresh.fixture.ts');\n");
    write('dashboard/src/app.tsx', "import { server } from '../../api/server.ts';\nimport type { Kit } from '../../test/kafka/kit.ts';\n");
    write('dashboard/src/ok.ts', "import type { S } from '../../api/server.ts';\nimport { verdict } from '../../stats/verdict.ts';\n");
    write('api/route.ts', "export { kit } from '../test/kafka/kit.ts';\n");
    write('ingest/consumer.test.ts', "import { server } from '../api/server.ts';\n");

    expect(violationsIn(sandbox).sort()).toEqual([
      'alerts/engine.ts -> kpi/refresh.fixture.ts: product code imports test-only code',
      'api/route.ts -> test/kafka/kit.ts: product code imports test-only code',
      'dashboard/src/app.tsx -> api/server.ts: the dashboard loads server code at runtime (use `import type`)',
      'dashboard/src/app.tsx -> test/kafka/kit.ts: product code imports test-only code',
      'ingest/consumer.ts -> api/server.ts: ingest/ and alerts/ sit below api/ and dashboard/',
      'ingest/consumer.ts -> test/kafka/kit.ts: product code imports test-only code',
    ]);
  });
});
