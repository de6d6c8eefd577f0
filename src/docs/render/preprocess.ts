/**
 * Source → the text the markdown parser sees, plus the line map back to the original files:
 * front matter blanked (keeping line numbers), includes pasted, mkdocs containers turned into marker pairs.
 */
import type { FrontMatter } from './front-matter.ts';
import { takeFrontMatter } from './front-matter.ts';
import { rewriteContainers } from './container-blocks.ts';
import { expandIncludes } from './includes.ts';
import type { RenderState } from './render-state.ts';
import { report } from './render-state.ts';
import type { SourceLine } from './source-lines.ts';
import { toSourceLines } from './source-lines.ts';

export interface Preprocessed {
  text: string;
  frontMatter: FrontMatter;
}

const MAY_INCLUDE = /8<|\{%/;
/** More than this many block quotes / list items opened on one line is an attack, not docs (the parser is quadratic). */
const MAX_NESTING = 32;

const MAY_CONTAIN = /^[ \t]*(?:!!!|\?\?\?|===|:[ \t])/m;

export function preprocess(source: string, state: RenderState): Preprocessed {
  let lines = toSourceLines(source.startsWith('\uFEFF') ? source.slice(1) : source, state.context.file);
  const frontMatter = takeFrontMatter(lines, state);
  if (MAY_INCLUDE.test(source)) lines = expandIncludes(lines, state.context.file, state);
  limitNesting(lines, state);
  // Containers can only start with these characters; most pages have none, and then the scan is skipped.
  if (lines.some((line) => MAY_CONTAIN.test(line.text))) lines = rewriteContainers(lines, state);
  state.origins = lines.map((line) => line.origin);
  return { text: lines.map((line) => line.text).join('\n'), frontMatter };
}

/** Escapes the container marker after MAX_NESTING levels on a line, so the rest is text. */
function limitNesting(lines: SourceLine[], state: RenderState): void {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const cut = nestingCut(line.text);
    if (cut < 0) continue;
    lines[index] = { text: `${line.text.slice(0, cut)}\\${line.text.slice(cut)}`, origin: line.origin };
    report(state, 'warning', { file: line.origin.file, line: line.origin.line, column: cut + 1 + line.origin.shift }, `Block quotes or lists are nested more than ${MAX_NESTING} levels deep on one line; the rest of the line is shown as text.`);
  }
}

/** Where the marker that would open level MAX_NESTING + 1 starts, or -1 (a linear scan: no regex backtracking). */
function nestingCut(text: string): number {
  let depth = 0;
  let at = 0;
  for (;;) {
    while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
    const start = at;
    const code = text.charCodeAt(at);
    if (code === 62) {
      at++;
    } else if (code === 42 || code === 43 || code === 45) {
      at++;
      if (text.charCodeAt(at) !== 32 && text.charCodeAt(at) !== 9) return -1;
    } else if (code >= 48 && code <= 57) {
      while (text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at++;
      const next = text.charCodeAt(at);
      if ((next !== 46 && next !== 41) || (text.charCodeAt(at + 1) !== 32 && text.charCodeAt(at + 1) !== 9)) return -1;
      at++;
    } else {
      return -1;
    }
    if (++depth > MAX_NESTING) return start;
  }
}
