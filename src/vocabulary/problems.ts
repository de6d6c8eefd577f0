import { compareStrings } from './compare-strings.ts';

/**
 * What kind of mistake a problem is: stable identifiers other tools can match on. Declared once, here; the catalog's
 * zod schema of problems.json is built from this list, and the README's problem table lists each.
 */
export const problemCodes = [
  'yaml-syntax',
  'not-an-entity',
  'invalid-entity',
  'unknown-kind',
  'unsupported-api-version',
  'duplicate-entity',
  'invalid-reference',
  'dangling-relation',
  'unreadable-file',
  'file-too-large',
  'substitution-failed',
  'substitution-remote',
  'location-target-missing',
  'location-escape',
  'location-loop',
  'location-remote',
  'source-failed',
  'budget-exceeded',
  // Docs (TechDocs) problems
  'docs-ref-unsupported',
  'docs-ref-escape',
  'docs-ref-invalid',
  'docs-missing',
  'docs-config-invalid',
  'docs-nav',
  'docs-page-conflict',
  'docs-render',
  'broken-link',
  'broken-anchor',
  'missing-asset',
  'unsafe-asset',
  // Plugin problems
  'plugin-failed',
] as const;

/** One of `problemCodes`. */
export type ProblemCode = (typeof problemCodes)[number];

/** The severities a problem can have, most serious first. */
export const problemSeverities = ['error', 'warning'] as const;

/** `error`: something was skipped. `warning`: loaded, but probably not what the author meant. */
export type ProblemSeverity = (typeof problemSeverities)[number];

/** One mistake found in the input, located precisely enough to fix it. Shape of each item in problems.json. */
export interface Problem {
  /** `error`: something was skipped. `warning`: loaded, but probably not what the author meant. */
  severity: ProblemSeverity;
  /** Repo name as shown in the portal (the source folder name or git source name). */
  repo: string;
  /** Path of the file inside the repo, with forward slashes. Empty for a problem with the whole repo. */
  file: string;
  /** 1-based line; 0 when the problem has no position (an unreadable file). */
  line: number;
  /** 1-based column; 0 when unknown. */
  column: number;
  /** The entity the problem belongs to, when it is known (`kind:namespace/name`). */
  entityRef?: string | undefined;
  code: ProblemCode;
  /** The plugin that reported it, for plugin problems. */
  plugin?: string | undefined;
  /** A sentence a person understands. */
  message: string;
}

/** Where a problem is: the part of a Problem that the reporter already knows. */
export interface SourcePosition {
  repo: string;
  file: string;
  line: number;
  column: number;
}

/** Deterministic order: by repo, file, position, code, then message, so builds are byte-identical. */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    compareStrings(a.repo, b.repo) ||
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}

/** How many of the problems are errors and how many warnings. */
export function countBySeverity(problems: readonly Pick<Problem, 'severity'>[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const problem of problems) if (problem.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}
