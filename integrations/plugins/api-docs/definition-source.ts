import { posix } from 'node:path';
import { isMap, isScalar, LineCounter, parseAllDocuments, Scalar } from 'yaml';
import type { CatalogEntity } from '../../plugin-api.ts';
import type { TextPosition } from './definition-error.ts';

/**
 * Where an API entity's `spec.definition` text was written. The catalog hands plugins the text
 * with `$text` already substituted and keeps no record of the file, so the descriptor is read
 * again to find out: the file decides what relative `$ref`s and imports resolve against, and a
 * problem has to say which text its line number counts in.
 */
export type DefinitionSource =
  | {
      kind: 'file';
      /** Repo-relative path of the `$text` target. */
      file: string;
      /** Its folder, repo-relative ('' at the root): relative references resolve against it. */
      dir: string;
    }
  | {
      kind: 'inline';
      /** The descriptor, repo-relative. */
      file: string;
      dir: string;
      /**
       * Descriptor line of the definition's first line and the block's indentation, when it is a
       * literal block (`definition: |`) whose lines map one-to-one onto the descriptor's.
       */
      block?: { firstLine: number; indent: number };
    };

/**
 * Finds the entity's document in its descriptor and reads how `spec.definition` is written.
 * `descriptor` is the descriptor's text; when it is unreadable or the entity cannot be found in
 * it, the definition is taken as inline without a block position.
 */
export function findDefinitionSource(entity: CatalogEntity, descriptor: string | undefined): DefinitionSource {
  const file = entity.source.file;
  const dir = folderOf(file);
  const fallback: DefinitionSource = { kind: 'inline', file, dir };
  if (descriptor === undefined) return fallback;
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(descriptor, { lineCounter });
  if (!Array.isArray(documents)) return fallback;
  for (const document of documents) {
    if (!isEntityDocument(document.get('kind'), document.getIn(['metadata', 'name']), document.getIn(['metadata', 'namespace']), entity)) continue;
    const node = document.getIn(['spec', 'definition'], true);
    if (isMap(node)) {
      const target = node.get('$text');
      if (typeof target === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        const path = posix.normalize(posix.join(dir, target)).replace(/^\.\//, '');
        return { kind: 'file', file: path, dir: folderOf(path) };
      }
      return fallback;
    }
    if (isScalar(node) && node.type === Scalar.BLOCK_LITERAL && node.range) {
      // The block's content starts on the line after its `|` header.
      const headerLine = lineCounter.linePos(node.range[0]).line;
      const lines = descriptor.split('\n');
      const firstContent = lines.slice(headerLine).find((line) => line.trim() !== '');
      const indent = firstContent ? firstContent.length - firstContent.trimStart().length : 0;
      return { ...fallback, block: { firstLine: headerLine + 1, indent } };
    }
    return fallback;
  }
  return fallback;
}

/**
 * "line 12, column 5 of openapi/invoices.yaml (the definition's $text file)" or
 * "line 12 of the definition (inline in catalog-info.yaml, line 140)".
 */
export function describePosition(source: DefinitionSource, position: TextPosition | undefined): string {
  if (position?.file && position.file !== source.file) {
    return `${at(position)} of ${position.file} (a file the definition refers to)`;
  }
  if (source.kind === 'file') {
    return position ? `${at(position)} of ${source.file} (the definition's $text file)` : `${source.file} (the definition's $text file)`;
  }
  if (!position) return `the definition (inline in ${source.file})`;
  const inDescriptor = source.block
    ? `, line ${source.block.firstLine + position.line - 1}${position.column ? `, column ${source.block.indent + position.column}` : ''}`
    : '';
  return `${at(position)} of the definition (inline in ${source.file}${inDescriptor})`;
}

function at(position: TextPosition): string {
  return position.column ? `line ${position.line}, column ${position.column}` : `line ${position.line}`;
}

function isEntityDocument(kind: unknown, name: unknown, namespace: unknown, entity: CatalogEntity): boolean {
  return (
    typeof kind === 'string' &&
    kind.toLowerCase() === entity.kind.toLowerCase() &&
    name === entity.metadata.name &&
    (typeof namespace === 'string' ? namespace : 'default').toLowerCase() === entity.metadata.namespace.toLowerCase()
  );
}

function folderOf(file: string): string {
  const dir = posix.dirname(file);
  return dir === '.' ? '' : dir;
}
