import { printable } from './printable.ts';
import type { Problem } from './problems.ts';

/** `repo/file:line:column`, the form editors and CI logs make clickable. Kept free of zod so pages can import it cheaply. */
export function formatProblemLocation(problem: Pick<Problem, 'repo' | 'file' | 'line' | 'column'>): string {
  const path = problem.file ? `${problem.repo}/${problem.file}` : problem.repo;
  return printable(problem.line > 0 ? `${path}:${problem.line}:${problem.column}` : path);
}

/** A problem as one log line: its location and message, printable, so no file name can add or rewrite a line. */
export function formatProblemLine(problem: Pick<Problem, 'repo' | 'file' | 'line' | 'column' | 'message'>): string {
  return `${formatProblemLocation(problem)} ${printable(problem.message)}`;
}
