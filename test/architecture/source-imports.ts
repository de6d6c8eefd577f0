/**
 * The imports of Playbill's own source files, read as the TypeScript compiler parses them: static imports and
 * re-exports, `import()` calls and `import('…')` types, with `.astro` files compiled by Astro's compiler first so their
 * frontmatter and scripts are read too. Each import is resolved to a file of the tree or named as a package.
 */
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { transform } from '@astrojs/compiler-rs';
import { glob } from 'tinyglobby';
import ts from 'typescript';

export interface SourceImport {
  /** The importing file, relative to the project root, with `/`. */
  file: string;
  /** As written. */
  specifier: string;
  /** What it names: a file of the tree (relative to the root), `node:<name>` for a Node built-in, or a package name. */
  target: string;
  /** A file of the tree, as opposed to a package or a built-in. */
  local: boolean;
  /** Erased when compiled (`import type`, an `import('…')` type): ties the types, never the bundle. */
  typeOnly: boolean;
}

/** Playbill's own package specifiers, as `package.json` exports them. */
const ownExports: readonly (readonly [string, string])[] = [
  ['playbill/plugin-api', 'integrations/plugin-api.ts'],
  ['playbill/components/', 'src/components/'],
  ['playbill', 'integrations/playbill.ts'],
];

const nodeBuiltins = new Set(builtinModules);

/** Every import of the tree's source files under `folders` (relative to `root`), in file order. */
export async function readSourceImports(root: string, folders: readonly string[]): Promise<SourceImport[]> {
  const patterns = folders.map((folder) => `${folder}/**/*.{ts,tsx,mts,js,mjs,astro}`);
  const files = (await glob(patterns, { cwd: root, ignore: ['**/node_modules/**', '**/*.d.ts'] })).sort();
  const imports: SourceImport[] = [];
  for (const file of files) imports.push(...importsOfSource(file, await readFile(posix.join(root, file), 'utf8')));
  return imports;
}

/** The imports of one file's text; `file` (root-relative) places relative specifiers and says how to parse it. */
export function importsOfSource(file: string, text: string): SourceImport[] {
  const sources = file.endsWith('.astro') ? astroModules(file, text) : [text];
  // Astro's compiled component imports each frontmatter module twice (its bindings, and `* as $$module` for metadata).
  const seen = new Set<string>();
  return sources
    .flatMap((source) => specifiersOf(file, source))
    .filter(({ specifier, typeOnly }) => !seen.has(`${typeOnly} ${specifier}`) && Boolean(seen.add(`${typeOnly} ${specifier}`)))
    .map(({ specifier, typeOnly }) => ({ file, specifier, typeOnly, ...resolveSpecifier(file, specifier) }));
}

/** An .astro file as the modules it becomes: its compiled component (the frontmatter's imports) and its scripts. */
function astroModules(file: string, text: string): string[] {
  const compiled = transform(text, { filename: file });
  const scripts = compiled.scripts.flatMap((script) => ('code' in script && typeof script.code === 'string' ? [script.code] : []));
  return [compiled.code, ...scripts];
}

function specifiersOf(file: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : file.endsWith('.js') || file.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: importIsTypeOnly(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `import type { A }` and `import { type A, type B }`: nothing of the module is left once types are erased. */
function importIsTypeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function resolveSpecifier(file: string, specifier: string): { target: string; local: boolean } {
  if (specifier.startsWith('.')) return { target: posix.normalize(posix.join(posix.dirname(file), specifier)), local: true };
  for (const [prefix, path] of ownExports) {
    if (specifier === prefix || (prefix.endsWith('/') && specifier.startsWith(prefix))) return { target: path + specifier.slice(prefix.length), local: true };
  }
  if (specifier.startsWith('node:')) return { target: specifier, local: false };
  const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  if (nodeBuiltins.has(packageName)) return { target: `node:${packageName}`, local: false };
  return { target: packageName, local: false };
}

