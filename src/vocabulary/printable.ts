import type { Problem } from './problems.ts';

/**
 * Characters that make a log line or a problem message lie: C0 and C1 controls and DEL (a newline starts
 * a fake line, a carriage return overwrites one, escape sequences recolour a terminal), the Unicode line and
 * paragraph separators, bidirectional-text controls (`evil\u202Egpj.md` reads as `evilmd.jpg`) and lone
 * surrogates (half a character, which no encoder can write).
 */
/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
export const controlCharacter = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Bidirectional-text controls (embeddings, overrides, isolates, marks). */
export const bidiControl = /\p{Bidi_Control}/u;
const unprintable = new RegExp(`${controlCharacter.source}|${bidiControl.source}|\\p{Cs}`, 'gu');
const shortEscapes: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Text from repos (file names, decoded link text, parser messages) as it may be shown: every character
 * above written as a visible escape (`\n`, `\u0000`, `\u202e`). A backslash is left as it is, so escaping
 * twice changes nothing and the pipeline, the integration and the pages can each apply it.
 */
export function printable(text: string): string {
  return text.replace(unprintable, (character) => shortEscapes[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A problem with the repo text it quotes (its file and message) printable, as problems.json and the problems page show it. */
export function printableProblem<T extends Pick<Problem, 'file' | 'message'>>(problem: T): T {
  return { ...problem, file: printable(problem.file), message: printable(problem.message) };
}

/** `repo/file:line:column`, the form editors and CI logs make clickable, printable. */
export function formatProblemLocation(problem: Pick<Problem, 'repo' | 'file' | 'line' | 'column'>): string {
  const path = problem.file ? `${problem.repo}/${problem.file}` : problem.repo;
  return printable(problem.line > 0 ? `${path}:${problem.line}:${problem.column}` : path);
}

/** A problem as one log line: its location and message, printable, so no file name can add or rewrite a line. */
export function formatProblemLine(problem: Pick<Problem, 'repo' | 'file' | 'line' | 'column' | 'message'>): string {
  return `${formatProblemLocation(problem)} ${printable(problem.message)}`;
}
