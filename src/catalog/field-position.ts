import { parseYamlDocuments, type LiteralBlock } from './yaml-documents.ts';

/** Where a field of an entity is written in its descriptor: its key's line and column, and where its text starts when it is a literal block. */
export interface FieldPosition {
  line: number;
  column: number;
  block?: LiteralBlock;
}

/**
 * Where the field at `path` of the entity whose document starts at `documentLine` (its
 * `source.line`) is written in `descriptor`, found as the catalog finds its own problems'
 * positions; undefined when no document starts there or the field is not in it.
 */
export function fieldPosition(descriptor: string, documentLine: number, path: readonly (string | number)[]): FieldPosition | undefined {
  const document = parseYamlDocuments(descriptor).documents.find((candidate) => candidate.line === documentLine);
  if (!document || valueAt(document.value, path) === undefined) return undefined;
  const block = document.literalBlockAt(path);
  return { ...document.positionOf(path, 'key'), ...(block ? { block } : {}) };
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let node = value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
