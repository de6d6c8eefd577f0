/**
 * How long the functions of Playbill's own source files are, read as the TypeScript compiler parses them: every
 * function declaration, method, accessor, constructor, function expression and arrow function with a body, measured
 * in lines from its first token to its last (a nested function counts in its own length and in its parent's).
 */
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { glob } from 'tinyglobby';
import ts from 'typescript';

export interface FunctionLength {
  /** Relative to the project root, with `/`. */
  file: string;
  /** What a reader would call it: its own name, the variable, property or class member it is assigned to, else `(anonymous)`. */
  name: string;
  /** 1-based line of its first token. */
  line: number;
  lines: number;
}

/** Every function of the tree's TypeScript files under `folders` (relative to `root`), in file order. */
export async function readFunctionLengths(root: string, folders: readonly string[]): Promise<FunctionLength[]> {
  const patterns = folders.map((folder) => `${folder}/**/*.{ts,tsx,mts,js,mjs}`);
  const files = (await glob(patterns, { cwd: root, ignore: ['**/node_modules/**', '**/*.d.ts'] })).sort();
  const found: FunctionLength[] = [];
  for (const file of files) found.push(...functionLengthsOf(file, await readFile(posix.join(root, file), 'utf8')));
  return found;
}

/** The functions of one file's text, `file` (root-relative) naming it and saying how to parse it. */
export function functionLengthsOf(file: string, text: string): FunctionLength[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : file.endsWith('.js') || file.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      found.push({ file, name: nameOf(node, source), line, lines: last - line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function nameOf(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) return parent.name.getText(source);
  if (ts.isExportAssignment(parent)) return 'default';
  return '(anonymous)';
}
