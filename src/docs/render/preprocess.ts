/**
 * Source → the text the markdown parser sees, plus the line map back to the original files:
 * front matter blanked (keeping line numbers), includes pasted, mkdocs containers turned into marker pairs.
 */
import type { FrontMatter } from './front-matter.ts';
import { takeFrontMatter } from './front-matter.ts';
import { rewriteContainers } from './container-blocks.ts';
import { expandIncludes } from './includes.ts';
import type { RenderState } from './render-state.ts';
import { toSourceLines } from './source-lines.ts';

export interface Preprocessed {
  text: string;
  frontMatter: FrontMatter;
}

const MAY_INCLUDE = /8<|\{%/;
const MAY_CONTAIN = /^[ \t]*(?:!!!|\?\?\?|===|:[ \t])/m;

export function preprocess(source: string, state: RenderState): Preprocessed {
  let lines = toSourceLines(source.startsWith('\uFEFF') ? source.slice(1) : source, state.context.file);
  const frontMatter = takeFrontMatter(lines, state);
  if (MAY_INCLUDE.test(source)) lines = expandIncludes(lines, state.context.file, state);
  // Containers can only start with these characters; most pages have none, and then the scan is skipped.
  if (lines.some((line) => MAY_CONTAIN.test(line.text))) lines = rewriteContainers(lines, state);
  state.origins = lines.map((line) => line.origin);
  return { text: lines.map((line) => line.text).join('\n'), frontMatter };
}
