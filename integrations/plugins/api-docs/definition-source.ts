import { posix } from 'node:path';
import type { CatalogEntity, DescriptorPosition } from '../../plugin-api.ts';
import type { TextPosition } from './definition-error.ts';

/**
 * Where an API entity's `spec.definition` text was written: the file decides what relative
 * `$ref`s and imports resolve against, and a problem has to say which text its line number counts in.
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
      /** Descriptor line of `spec.definition`, once located. */
      line?: number;
      /**
       * Descriptor line of the definition's first line and the block's indentation, when it is a
       * literal block (`definition: |`) whose lines map one-to-one onto the descriptor's.
       */
      block?: { firstLine: number; indent: number };
    };

const definitionPath = ['spec', 'definition'] as const;

/**
 * Where the definition came from, as the catalog recorded it: the `$text` file it read (resolved as
 * Backstage resolves it: `/x` from the repo root, anything else from the descriptor's folder), or
 * the descriptor itself. Reads nothing.
 */
export function definitionSourceOf(entity: CatalogEntity): DefinitionSource {
  const substituted = entity.provenance?.substitutions.find(
    ({ path, placeholder }) => placeholder === '$text' && path.length === definitionPath.length && path.every((segment, index) => segment === definitionPath[index]),
  );
  if (substituted) return { kind: 'file', file: substituted.file, dir: folderOf(substituted.file) };
  return { kind: 'inline', file: entity.source.file, dir: folderOf(entity.source.file) };
}

/** The source with an inline definition's line in the descriptor (and its block's), for a problem: `locate` is the plugin context's. */
export async function locateDefinition(source: DefinitionSource, locate: (path: readonly string[]) => Promise<DescriptorPosition | undefined>): Promise<DefinitionSource> {
  if (source.kind === 'file') return source;
  const position = await locate(definitionPath);
  if (!position) return source;
  return { ...source, line: position.line, ...(position.block ? { block: position.block } : {}) };
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

function folderOf(file: string): string {
  const dir = posix.dirname(file);
  return dir === '.' ? '' : dir;
}
