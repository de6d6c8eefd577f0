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
      /** Descriptor line of `spec.definition`, when the descriptor was parsed. */
      line?: number;
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
  const fallback: DefinitionSource = { kind: 'inline', file: entity.source.file, dir: folderOf(entity.source.file) };
  if (descriptor === undefined) return fallback;
  return definitionSourcesIn(descriptor, entity.source.file).find(({ kind, name, namespace }) => isEntityDocument(kind, name, namespace, entity))?.source ?? fallback;
}

/**
 * `findDefinitionSource` for many entities: a descriptor holds many entities (50 or more in a big
 * organisation), and composing it with `yaml` for each one of its APIs cost more than mapping the
 * definitions themselves. Each descriptor is parsed once; only the small result is kept, with the
 * text it came from, so a changed descriptor (a dev server rebuilding) is parsed again.
 */
export class DefinitionSources {
  private readonly descriptors = new Map<string, { text: string; documents: DocumentSource[] }>();

  /**
   * What relative references in the definition resolve against. A descriptor that cannot hold a
   * `$text` substitution has only inline definitions, and is not parsed: composing every
   * descriptor of a big organisation with `yaml` again cost as much as mapping all its APIs.
   * The inline block's position, only needed for a problem, is then left out: see `locate`.
   */
  find(entity: CatalogEntity, descriptor: string | undefined): DefinitionSource {
    if (descriptor !== undefined && !mayHoldTextSubstitution(descriptor)) return { kind: 'inline', file: entity.source.file, dir: folderOf(entity.source.file) };
    return this.locate(entity, descriptor);
  }

  /** `findDefinitionSource`, with an inline block's position: for a problem's line in the descriptor. */
  locate(entity: CatalogEntity, descriptor: string | undefined): DefinitionSource {
    if (descriptor === undefined) return findDefinitionSource(entity, descriptor);
    const key = `${entity.source.repo}\0${entity.source.file}`;
    let known = this.descriptors.get(key);
    if (known?.text !== descriptor) this.descriptors.set(key, (known = { text: descriptor, documents: definitionSourcesIn(descriptor, entity.source.file) }));
    const fallback: DefinitionSource = { kind: 'inline', file: entity.source.file, dir: folderOf(entity.source.file) };
    return known.documents.find(({ kind, name, namespace }) => isEntityDocument(kind, name, namespace, entity))?.source ?? fallback;
  }
}

/**
 * Whether a descriptor's text may write a `$text` key. YAML can also spell the `$` as an escape
 * in a double-quoted key, so those count too; a false yes only costs a parse.
 */
function mayHoldTextSubstitution(descriptor: string): boolean {
  return descriptor.includes('$text') || /\\(?:x24|u0024|U00000024)/i.test(descriptor);
}

interface DocumentSource {
  kind: unknown;
  name: unknown;
  namespace: unknown;
  source: DefinitionSource;
}

/** Every document of a descriptor with how its `spec.definition` is written (inline, no block position, when it has none). */
function definitionSourcesIn(descriptor: string, file: string): DocumentSource[] {
  const dir = folderOf(file);
  const fallback: DefinitionSource = { kind: 'inline', file, dir };
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(descriptor, { lineCounter });
  if (!Array.isArray(documents)) return [];
  let lines: string[] | undefined;
  return documents.map((document) => {
    const entry = { kind: document.get('kind'), name: document.getIn(['metadata', 'name']), namespace: document.getIn(['metadata', 'namespace']) };
    const node = document.getIn(['spec', 'definition'], true);
    const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
    const spec = document.get('spec', true);
    const key = isMap(spec) ? spec.items.find((pair) => isScalar(pair.key) && pair.key.value === 'definition')?.key : undefined;
    const definitionLine = lineOf(isScalar(key) ? key.range?.[0] : undefined);
    if (isMap(node)) {
      const target = node.get('$text');
      if (typeof target === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        const path = posix.normalize(posix.join(dir, target)).replace(/^\.\//, '');
        return { ...entry, source: { kind: 'file', file: path, dir: folderOf(path) } };
      }
      return { ...entry, source: compactSource({ ...fallback, line: definitionLine }) };
    }
    if (isScalar(node) && node.type === Scalar.BLOCK_LITERAL && node.range) {
      // The block's content starts on the line after its `|` header.
      const headerLine = lineCounter.linePos(node.range[0]).line;
      lines ??= descriptor.split('\n');
      const firstContent = lines.slice(headerLine).find((line) => line.trim() !== '');
      const indent = firstContent ? firstContent.length - firstContent.trimStart().length : 0;
      return { ...entry, source: compactSource({ ...fallback, line: definitionLine, block: { firstLine: headerLine + 1, indent } }) };
    }
    return { ...entry, source: compactSource({ ...fallback, line: definitionLine }) };
  });
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

/** Without undefined fields, so sources compare cleanly. */
function compactSource<T extends DefinitionSource>(source: T): T {
  for (const key of Object.keys(source) as (keyof T)[]) if (source[key] === undefined) delete source[key];
  return source;
}

function folderOf(file: string): string {
  const dir = posix.dirname(file);
  return dir === '.' ? '' : dir;
}
