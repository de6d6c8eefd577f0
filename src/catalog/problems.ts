import { z } from 'zod';

/** What kind of mistake a problem is; stable identifiers other tools can match on. */
export const problemCodeSchema = z.enum([
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
]);
export type ProblemCode = z.infer<typeof problemCodeSchema>;

/** One mistake found in the input, located precisely enough to fix it. Shape of each item in problems.json. */
export const problemSchema = z.object({
  /** `error`: something was skipped. `warning`: loaded, but probably not what the author meant. */
  severity: z.enum(['error', 'warning']),
  /** Repo name as shown in the portal (the source folder name or git source name). */
  repo: z.string(),
  /** Path of the file inside the repo, with forward slashes. Empty for a problem with the whole repo. */
  file: z.string(),
  /** 1-based line; 0 when the problem has no position (an unreadable file). */
  line: z.number().int().nonnegative(),
  /** 1-based column; 0 when unknown. */
  column: z.number().int().nonnegative(),
  /** The entity the problem belongs to, when it is known (`kind:namespace/name`). */
  entityRef: z.string().optional(),
  code: problemCodeSchema,
  /** The plugin that reported it, for plugin problems. */
  plugin: z.string().optional(),
  /** A sentence a person understands. */
  message: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

export const problemsFileSchema = z.object({ problems: z.array(problemSchema) });
export type ProblemsFile = z.infer<typeof problemsFileSchema>;

/** Where a problem is: the part of a Problem that the reporter already knows. */
export interface SourcePosition {
  repo: string;
  file: string;
  line: number;
  column: number;
}

/** Deterministic order: by repo, file, position, then message, so builds are byte-identical. */
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

/** Code-point string order: unlike localeCompare, the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const problem of problems) if (problem.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}

export { formatProblemLocation } from './problem-location.ts';
