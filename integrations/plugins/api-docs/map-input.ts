import type { ReadRepoFile } from './repo-refs.ts';
import type { SchemaLimits } from './schema-rows.ts';

/** What every mapper gets besides the definition's text. */
export interface MapInput {
  /** Repo-relative path of the file the definition is in (a `$text` target or the descriptor): references resolve against its folder. */
  file: string;
  /** Reads a repo file (repo-relative path); refuses paths outside the repo. */
  readFile: ReadRepoFile;
  limits: SchemaLimits;
  /** Nodes a definition may have with its `$ref`s followed as a tree (see ref-expansion.ts). */
  maxExpandedNodes: number;
  /** Schema rows for the whole definition (see RowBudget). */
  maxDefinitionRows: number;
  /** Something the reader should know that does not stop the reference: rows left out. */
  warn(message: string): void;
}
