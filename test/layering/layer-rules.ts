import type { SourceImport } from './source-imports.ts';

/**
 * The one-way dependencies of docs/ and DESIGN.md, as checks on import edges. Test-only code:
 * test/, bench/ (benchmarks are dev tools), dashboard/e2e/, *.test.*, *.fixture.*, and the
 * vitest configs. Everything else is product and must never reach into it.
 */
export function isTestOnly(path: string): boolean {
  return (
    /^(test|bench)\//.test(path) ||
    path.startsWith('dashboard/e2e/') ||
    /\.(test|fixture)\.[cm]?[jt]sx?$/.test(path) ||
    /(^|\/)vitest\.config\.ts$/.test(path)
  );
}

/** Shared modules the browser bundle may load at runtime: pure code with no Node or server state. */
const BROWSER_SAFE = ['stats/'];

export interface Violation {
  edge: SourceImport;
  rule: string;
}

export function checkEdge(edge: SourceImport): Violation | undefined {
  const { from, to } = edge;
  if (isTestOnly(from)) return undefined;
  if (isTestOnly(to)) return { edge, rule: 'product code imports test-only code' };
  if (/^(ingest|alerts)\//.test(from) && /^(api|dashboard)\//.test(to)) {
    return { edge, rule: 'ingest/ and alerts/ sit below api/ and dashboard/' };
  }
  if (!from.startsWith('dashboard/') && to.startsWith('dashboard/src/')) {
    return { edge, rule: 'server code imports the dashboard' };
  }
  if (from.startsWith('dashboard/src/') && !to.startsWith('dashboard/') && !edge.typeOnly) {
    if (!BROWSER_SAFE.some((dir) => to.startsWith(dir))) {
      return { edge, rule: 'the dashboard loads server code at runtime (use `import type`)' };
    }
  }
  return undefined;
}

export function checkEdges(edges: readonly SourceImport[]): Violation[] {
  return edges.flatMap((edge) => checkEdge(edge) ?? []);
}
