import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { AUTHORIZATION_MATRIX } from '../authorization/matrix';

// Every server action and every route handler goes through a door (lib/http/action.ts, lib/http/route.ts)
// and has a row in the authorization matrix (tests/authorization/matrix.ts). This test reads the
// source of app/, lib/ and components/ with TypeScript's own parser, so a new 'use server' export
// or route.ts that skips the door, or has no row, fails here with the line to write.

const ROOT = process.cwd();
const ACTION_DOORS = ['newsroomAction'];
const ROUTE_DOORS = ['newsroomRoute', 'publicRoute', 'apiRoute'];
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
// Route segment config and static params: not handlers.
const ROUTE_CONFIG = [
  'dynamic',
  'dynamicParams',
  'revalidate',
  'fetchCache',
  'runtime',
  'preferredRegion',
  'maxDuration',
  'generateStaticParams',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js|mjs)$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

const parse = (file: string) =>
  ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);

const hasDirective = (node: { statements: ts.NodeArray<ts.Statement> } | undefined, directive: string) =>
  !!node?.statements.some(
    (s) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === directive,
  );

// The name of the door a declaration's initializer calls, if it is one.
function doorCalled(init: ts.Expression | undefined, doors: string[]): string | null {
  if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression)) return null;
  return doors.includes(init.expression.text) ? init.expression.text : null;
}

type Export = { name: string; local: string; line: number };

// Every exported name of a module, with the local declaration it refers to.
function exportsOf(source: ts.SourceFile): {
  exports: Export[];
  consts: Map<string, ts.Expression | undefined>;
} {
  const exports: Export[] = [];
  const consts = new Map<string, ts.Expression | undefined>();
  const line = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement)
      ? !!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name)) continue;
        consts.set(decl.name.text, decl.initializer);
        if (exported) exports.push({ name: decl.name.text, local: decl.name.text, line: line(decl) });
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      consts.set(statement.name.text, undefined);
      if (exported)
        exports.push({ name: statement.name.text, local: statement.name.text, line: line(statement) });
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const spec of statement.exportClause.elements)
        exports.push({
          name: spec.name.text,
          local: (spec.propertyName ?? spec.name).text,
          line: line(spec),
        });
    } else if (ts.isExportAssignment(statement)) {
      exports.push({ name: 'default', local: '', line: line(statement) });
    }
  }
  return { exports, consts };
}

// Functions with their own 'use server' inside a component or module: actions outside any file
// this test lists as an actions file.
function inlineServerFunctions(source: ts.SourceFile): number[] {
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isFunctionLike(node) || ts.isArrowFunction(node)) &&
      'body' in node &&
      node.body &&
      ts.isBlock(node.body as ts.Node)
    ) {
      if (hasDirective(node.body as ts.Block, 'use server'))
        lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

type Door = { key: string; where: string };

function listDoors(): { doors: Door[]; problems: string[] } {
  const doors: Door[] = [];
  const problems: string[] = [];
  const files = [...sourceFiles('app'), ...sourceFiles('lib'), ...sourceFiles('components')].sort();
  for (const file of files) {
    const source = parse(file);
    for (const at of inlineServerFunctions(source))
      problems.push(
        `${file}:${at}: an inline 'use server' function; move it into an actions file as newsroomAction(…)`,
      );
    const { exports, consts } = exportsOf(source);
    if (hasDirective(source, 'use server')) {
      for (const e of exports) {
        const where = `${file}:${e.line}`;
        if (!doorCalled(consts.get(e.local), ACTION_DOORS))
          problems.push(
            `${where}: export ${e.name} is not wrapped: write \`export const ${e.name} = newsroomAction(schema, handler)\``,
          );
        doors.push({ key: `action ${file}#${e.name}`, where });
      }
    }
    if (/(^|\/)route\.(ts|tsx|js|mjs)$/.test(file) && file.startsWith('app/')) {
      for (const e of exports) {
        const where = `${file}:${e.line}`;
        if (ROUTE_CONFIG.includes(e.name)) continue;
        if (!HTTP_METHODS.includes(e.name)) {
          problems.push(`${where}: export ${e.name} is neither an HTTP method nor route config`);
          continue;
        }
        if (!doorCalled(consts.get(e.local), ROUTE_DOORS))
          problems.push(
            `${where}: ${e.name} is not wrapped: write \`export const ${e.name} = newsroomRoute(spec, handler)\` (or publicRoute for readers, apiRoute for /api/v1)`,
          );
        doors.push({ key: `route ${file} ${e.name}`, where });
      }
    }
  }
  return { doors, problems };
}

const { doors, problems } = listDoors();

test('the listing finds the doors it must (a sanity check of the parser)', () => {
  const keys = doors.map((d) => d.key);
  assert.ok(keys.includes('action app/(newsroom)/newsroom/articles/actions.ts#saveArticleAction'));
  assert.ok(keys.includes('route app/api/media/[id]/route.ts PATCH'));
  assert.ok(keys.includes('route app/api/auth/[...nextauth]/route.ts POST'));
  assert.ok(doors.length >= 20, `only ${doors.length} doors found`);
});

test("every 'use server' export and every route handler goes through a door", () => {
  assert.deepEqual(problems, [], `\n${problems.join('\n')}\n`);
});

test('every door has a row in the authorization matrix', () => {
  const missing = doors.filter((d) => !(d.key in AUTHORIZATION_MATRIX));
  const rows = missing.map(
    (d) =>
      `  '${d.key}': { who: /* 'anyone' | 'newsroom' | { article: '…' } | { newsroom: '…' } */ },   // ${d.where}`,
  );
  assert.deepEqual(
    missing.map((d) => d.key),
    [],
    `\nAdd to AUTHORIZATION_MATRIX in tests/authorization/matrix.ts (and its probe in tests/integration/authorization.test.ts):\n${rows.join('\n')}\n`,
  );
});

test('every row of the matrix is a door that exists', () => {
  const keys = new Set(doors.map((d) => d.key));
  const stale = Object.keys(AUTHORIZATION_MATRIX).filter((key) => !keys.has(key));
  assert.deepEqual(
    stale,
    [],
    `\nRemove (or rename) these rows of tests/authorization/matrix.ts:\n${stale.join('\n')}\n`,
  );
});
