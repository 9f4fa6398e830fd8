// Reads the product's own import lines (no TypeScript compiler needed: the project's imports are
// plain string specifiers) and resolves them to files, so the architecture test can check that
// imports only go down (docs/architecture.md) and that no two files import each other in a circle.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

// The product's files: what the server runs and the browser loads. Tests, benchmarks, scripts and
// end-to-end specs may import any room, and nothing imports them.
const PRODUCT_DIRS = ['app', 'components', 'db', 'lib'];
const PRODUCT_FILES = ['proxy.ts', 'instrumentation.ts', 'server.mjs'];
const SOURCE_RE = /\.(ts|tsx|mjs|js)$/;

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (SOURCE_RE.test(name) && !name.endsWith('.d.mts') && !name.endsWith('.d.ts')) out.push(full);
  }
}

export function productFiles(root = ROOT): string[] {
  const out: string[] = [];
  for (const dir of PRODUCT_DIRS) if (existsSync(path.join(root, dir))) walk(path.join(root, dir), out);
  for (const file of PRODUCT_FILES) if (existsSync(path.join(root, file))) out.push(path.join(root, file));
  return out.map((file) => path.relative(root, file).split(path.sep).join('/')).sort();
}

// Every static `import … from`, `export … from`, bare `import '…'` and dynamic `import('…')`.
const SPECIFIER_RE =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

export function specifiersOf(source: string): string[] {
  // Comments may mention imports; they are not imports.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(SPECIFIER_RE)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mjs', '.js', '/index.ts', '/index.tsx'];

// The product file a specifier names, or null for a package or a non-code file (css, json).
export function resolveSpecifier(from: string, specifier: string, root = ROOT): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('.')) base = path.posix.join(path.posix.dirname(from), specifier);
  else return null;
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    const full = path.join(root, candidate);
    if (SOURCE_RE.test(candidate) && existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return null;
}

export type Graph = Map<string, string[]>;

export function importGraph(root = ROOT, files = productFiles(root)): Graph {
  const graph: Graph = new Map();
  for (const file of files) {
    const source = readFileSync(path.join(root, file), 'utf8');
    const targets = specifiersOf(source)
      .map((s) => resolveSpecifier(file, s, root))
      .filter((t): t is string => t !== null && t !== file);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

// The circles of the graph: its strongly connected components with more than one file
// (Tarjan's algorithm), each sorted, so a failure names every file of a circle.
export function cyclesOf(graph: Graph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}
