/**
 * Includes, expanded on lines before parsing so the rest of the renderer sees one document:
 * - pymdownx.snippets: `--8<-- "path"` (also inside code fences, as pymdownx does), the block form, `;--8<--` escapes,
 *   line ranges `path:3:10` / `path:3` / `path:1:3,5:6` and sections `path:name` (`--8<-- [start:name]` markers);
 * - mkdocs-include-markdown-plugin: `{% include-markdown "path" %}` / `{% include "path" %}`, possibly spanning lines,
 *   with `start=`, `end=`, `heading-offset=`, `preserve-includer-indent=`, `dedent=`.
 * Every pasted line keeps its own origin (file, line), so problems inside included text point at the included file.
 * Nesting is limited to 10 levels; a cycle or an unreadable target is an error at the directive and nothing is pasted.
 * Each page has a budget (MAX_INCLUDES, MAX_PAGE_CHARACTERS): a chain of small files each including the next several
 * times multiplies the page at every level. The include that would pass it is an error at its directive, and it and
 * every later include of the page are left out (and not read); the page renders with what came before.
 */
import type { RenderProblem } from './render-context.ts';
import type { RenderState } from './render-state.ts';
import { report } from './render-state.ts';
import type { LineOrigin, SourceLine, UrlBase } from './source-lines.ts';
import type { Fence } from './source-lines.ts';
import { closesFence, fenceOpening, isBlank, toSourceLines } from './source-lines.ts';

const MAX_DEPTH = 10;
/** Includes pasted into one page, nested ones counted: far above real pages (BENCHMARKS.md), far below a fan-out. */
export const MAX_INCLUDES = 200;
/** Characters of a page with its includes pasted (a page longer than this by itself may still include nothing). */
export const MAX_PAGE_CHARACTERS = 2_000_000;

const SNIPPET_LINE = /^([ \t]*)(;*)(-+8<-+[ \t]+)("(?:\\"|[^"\n\r])+?"|'(?:\\'|[^'\n\r])+?')[ \t]*$/;
const SNIPPET_BLOCK = /^([ \t]*)(;*)-+8<-+[ \t]*$/;
const SNIPPET_SECTION = /^.*?-+8<-+[ \t]\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\].*$/i;
const SNIPPET_SPEC = /^(.*?)(?:((?::-?\d*){1,2}(?:,(?=[-\d:])-?\d*(?::-?\d*)?)*)|:([a-z][-_0-9a-z]*))?$/i;
const INCLUDE_OPEN = /^([ \t]*)\{%-?/;
const INCLUDE_BODY = /^\s*(include-markdown|include)\s*(["'])(.*?)\2([\s\S]*?)-?%\}/;
const INCLUDE_NAME = /^\s*(?:include-markdown|include)(?=[\s"'])/;
const INCLUDE_ARG = /([\w-]+)[ \t]*=[ \t]*(?:"((?:\\"|[^"])*)"|'((?:\\'|[^'])*)'|([^\s%]+))/g;
const ATX_HEADING = /^(#{1,6})(?=[ \t]|$)/;
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

interface Frame {
  state: RenderState;
  /** Files being included, outermost first (cycle detection). */
  stack: string[];
  budget: Budget;
}

/** What the page's includes have used so far, shared by every frame of one page. */
interface Budget {
  includes: number;
  characters: number;
  /** Set once an include passed the budget: its problem (completed at the end), and how many were left out after it. */
  exhausted?: { problem: RenderProblem; after: number };
}

/** Expands snippets and include-markdown directives in `lines`, which were read from `file`. */
export function expandIncludes(lines: SourceLine[], file: string, state: RenderState): SourceLine[] {
  let characters = 0;
  for (const line of lines) characters += line.text.length + 1;
  const budget: Budget = { includes: 0, characters };
  const expanded = expand(lines, file, { state, stack: [file], budget });
  if (budget.exhausted && budget.exhausted.after > 0) {
    const { problem, after } = budget.exhausted;
    problem.message = problem.message.replace(/it was left out\.$/, `it and ${after} later include${after === 1 ? '' : 's'} of the page were left out.`);
  }
  return expanded;
}

/**
 * Whether the page may make one more include: counts it, or reports (once per page) that it would pass the budget.
 * Asked before the target is read, so an exhausted page reads nothing more.
 */
function mayInclude(at: { file: string; line: number; column: number }, target: string, frame: Frame): boolean {
  const { budget } = frame;
  if (budget.exhausted) {
    budget.exhausted.after++;
    return false;
  }
  if (budget.includes < MAX_INCLUDES) {
    budget.includes++;
    return true;
  }
  exhaust(at, target, frame, `it would be include number ${MAX_INCLUDES + 1} of this page, and a page may paste at most ${MAX_INCLUDES} (nested ones counted)`);
  return false;
}

/** Takes what an include pastes (before its own includes are expanded) out of the page's characters, or reports that it would pass them. */
function mayPaste(pasted: readonly SourceLine[], at: { file: string; line: number; column: number }, target: string, frame: Frame): boolean {
  let characters = 0;
  for (const line of pasted) characters += line.text.length + 1;
  if (frame.budget.characters + characters <= MAX_PAGE_CHARACTERS) {
    frame.budget.characters += characters;
    return true;
  }
  exhaust(at, target, frame, `with it the page would be longer than ${MAX_PAGE_CHARACTERS.toLocaleString('en-US')} characters, the most a page may be with its includes`);
  return false;
}

function exhaust(at: { file: string; line: number; column: number }, target: string, frame: Frame, reason: string): void {
  report(frame.state, 'error', at, `Include "${target}" was not pasted: ${reason}; it was left out.`);
  frame.budget.exhausted = { problem: frame.state.problems.at(-1)!, after: 0 };
}

function expand(lines: SourceLine[], file: string, frame: Frame): SourceLine[] {
  const out: SourceLine[] = [];
  let fence: Fence | undefined;
  let block: { indent: string; line: SourceLine } | undefined;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const text = line.text;

    if (block) {
      if (SNIPPET_BLOCK.test(text)) {
        block = undefined;
        continue;
      }
      const target = text.trim();
      if (target && !target.startsWith(';')) {
        pasteSnippet(out, target, block.indent, block.line, block.indent.length + 1, file, frame);
      }
      continue;
    }

    // Snippets are expanded everywhere, code fences included (pymdownx.snippets runs before any block parsing).
    if (text.includes('8<')) {
      const single = SNIPPET_LINE.exec(text);
      if (single) {
        const [, indent = '', escape = '', marker = '', quoted = ''] = single;
        if (escape) {
          out.push({ text: indent + escape.slice(1) + marker + quoted, origin: shifted(line.origin, 1) });
        } else {
          const target = quoted.slice(1, -1).replace(/\\(["'])/g, '$1');
          pasteSnippet(out, target, indent, line, indent.length + 1, file, frame);
        }
        continue;
      }
      const opener = SNIPPET_BLOCK.exec(text);
      if (opener && !opener[2]) {
        block = { indent: opener[1] ?? '', line };
        continue;
      }
    }

    if (fence) {
      if (closesFence(text, fence)) fence = undefined;
      out.push(line);
      continue;
    }
    const opening = fenceOpening(text);
    if (opening) {
      fence = opening;
      out.push(line);
      continue;
    }

    if (text.includes('{%')) {
      const consumed = includeMarkdown(out, lines, index, file, frame);
      if (consumed > 0) {
        index += consumed - 1;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

/** Handles `{% include-markdown … %}` starting at lines[index]; returns how many lines it used (0: not a directive). */
function includeMarkdown(out: SourceLine[], lines: SourceLine[], index: number, file: string, frame: Frame): number {
  const first = lines[index]!;
  const open = INCLUDE_OPEN.exec(first.text);
  if (!open) return 0;
  const indent = open[1] ?? '';

  // The directive may span lines: join until `%}` (bounded, so a stray `{%` costs little).
  let joined = first.text.slice(open[0].length);
  let last = index;
  while (!joined.includes('%}') && last + 1 < lines.length && last - index < 50) {
    last++;
    joined += `\n${lines[last]!.text}`;
  }
  // Other Jinja-like tags (`{% raw %}`, a `{%` in prose) are not ours: left as they are.
  if (!INCLUDE_NAME.test(joined)) return 0;
  const body = INCLUDE_BODY.exec(joined);
  const at = { file: first.origin.file, line: first.origin.line, column: indent.length + 1 + first.origin.shift };
  if (!body) {
    report(frame.state, 'error', at, 'The {% include-markdown %} directive is not closed or names no quoted file; it was left out.');
    return last - index + 1;
  }
  const directive = body[1]!;
  const target = body[3] ?? '';
  const args = parseArgs(body[4] ?? '');
  const rest = joined.slice(body.index + body[0].length);

  const read = readTarget(target, at, file, frame, directive);
  if (read) {
    let pasted = cut(read.text, read.path, args.get('start'), args.get('end'), at, frame, target);
    const offset = Number.parseInt(args.get('heading-offset') ?? '0', 10);
    if (directive === 'include-markdown' && Number.isFinite(offset) && offset !== 0) pasted = offsetHeadings(pasted, offset);
    if (args.get('dedent') === 'true') pasted = dedentAll(pasted);
    pasted = mayPaste(pasted, at, target, frame) ? expand(pasted, read.path, { ...frame, stack: [...frame.stack, read.path] }) : [];
    const keepIndent = args.get('preserve-includer-indent') !== 'false';
    for (const line of pasted) {
      out.push(keepIndent && indent ? { text: indent + line.text, origin: shifted(line.origin, -indent.length) } : line);
    }
  }
  const lastLine = lines[last]!;
  if (rest.trim()) {
    const restColumn = lastLine.text.length - rest.split('\n').at(-1)!.length;
    out.push({ text: rest.split('\n').at(-1)!, origin: shifted(lastLine.origin, restColumn) });
  }
  return last - index + 1;
}

function pasteSnippet(
  out: SourceLine[],
  spec: string,
  indent: string,
  line: SourceLine,
  column: number,
  file: string,
  frame: Frame,
): void {
  const at = { file: line.origin.file, line: line.origin.line, column: column + line.origin.shift };
  const parsed = SNIPPET_SPEC.exec(spec);
  const target = (parsed?.[1] ?? spec).trim();
  const read = readTarget(target, at, file, frame, '--8<--');
  if (!read) return;

  let pasted = toSourceLines(read.text, read.path);
  if (pasted.length > 1 && pasted.at(-1)!.text === '') pasted.pop();
  const ranges = parsed?.[2];
  const section = parsed?.[3];
  if (section) pasted = sectionOf(pasted, section, at, frame, target);
  else if (ranges) pasted = rangesOf(pasted, ranges);
  pasted = pasted.filter((entry) => !SNIPPET_SECTION.test(entry.text));
  if (!mayPaste(pasted, at, target, frame)) return;
  pasted = expand(pasted, read.path, { ...frame, stack: [...frame.stack, read.path] });

  // A snippet is pasted verbatim, so mkdocs resolves its relative URLs against the page that pastes it.
  const base: UrlBase = line.origin.urlBase ?? { file: line.origin.file, line: line.origin.line, column: at.column };
  for (const entry of pasted) {
    const origin: LineOrigin =
      entry.origin.urlBase || entry.origin.file === read.path ? { ...entry.origin, urlBase: base } : entry.origin;
    out.push(indent ? { text: indent + entry.text, origin: shifted(origin, -indent.length) } : { text: entry.text, origin });
  }
}

function readTarget(
  target: string,
  at: { file: string; line: number; column: number },
  file: string,
  frame: Frame,
  directive: string,
): { path: string; text: string } | undefined {
  const { state } = frame;
  if (!target) {
    report(state, 'error', at, `The ${directive} include names no file.`);
    return undefined;
  }
  if (REMOTE.test(target)) {
    report(state, 'error', at, `Include "${target}" is a remote URL; only files of this repository can be included.`);
    return undefined;
  }
  if (frame.stack.length > MAX_DEPTH) {
    report(state, 'error', at, `Include "${target}" is nested more than ${MAX_DEPTH} levels deep; it was left out.`);
    return undefined;
  }
  if (!mayInclude(at, target, frame)) return undefined;
  let read: { path: string; text: string } | { error: string };
  try {
    read = state.context.readInclude(file, target);
  } catch (error) {
    read = { error: String(error instanceof Error ? error.message : error) };
  }
  if ('error' in read) {
    report(state, 'error', at, `Include "${target}" could not be read: ${sentence(read.error)}`);
    return undefined;
  }
  if (frame.stack.includes(read.path)) {
    const chain = [...frame.stack.slice(frame.stack.indexOf(read.path)), read.path].join(' → ');
    report(state, 'error', at, `Include "${target}" would include itself (${chain}); it was left out.`);
    return undefined;
  }
  return read;
}

/** The part of an include-markdown target between the `start` and `end` strings, with original positions. */
function cut(
  text: string,
  path: string,
  start: string | undefined,
  end: string | undefined,
  at: { file: string; line: number; column: number },
  frame: Frame,
  target: string,
): SourceLine[] {
  let from = 0;
  let to = text.length;
  if (start !== undefined && start !== '') {
    const found = text.indexOf(start);
    if (found < 0) {
      report(frame.state, 'warning', at, `Include "${target}": the start marker ${JSON.stringify(start)} is not in the file; nothing was included.`);
      return [];
    }
    from = found + start.length;
  }
  if (end !== undefined && end !== '') {
    const found = text.indexOf(end, from);
    if (found < 0) {
      report(frame.state, 'warning', at, `Include "${target}": the end marker ${JSON.stringify(end)} is not in the file; included to the end.`);
    } else {
      to = found;
    }
  }
  let startLine = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < from; index = text.indexOf('\n', index + 1)) {
    startLine++;
    lineStart = index + 1;
  }
  const pieces = text.slice(from, to).split(/\r\n|\r|\n/);
  if (pieces.length > 1 && pieces.at(-1) === '') pieces.pop();
  return pieces.map((piece, offset) => ({
    text: piece,
    origin: { file: path, line: startLine + offset, shift: offset === 0 ? from - lineStart : 0 },
  }));
}

function offsetHeadings(lines: SourceLine[], offset: number): SourceLine[] {
  let fence: Fence | undefined;
  return lines.map((line) => {
    if (fence) {
      if (closesFence(line.text, fence)) fence = undefined;
      return line;
    }
    fence = fenceOpening(line.text);
    if (fence) return line;
    const heading = ATX_HEADING.exec(line.text);
    if (!heading) return line;
    const level = Math.min(6, Math.max(1, heading[1]!.length + offset));
    const delta = level - heading[1]!.length;
    return { text: '#'.repeat(level) + line.text.slice(heading[1]!.length), origin: shifted(line.origin, -delta) };
  });
}

function dedentAll(lines: SourceLine[]): SourceLine[] {
  let common = Infinity;
  for (const line of lines) {
    if (isBlank(line.text)) continue;
    common = Math.min(common, line.text.length - line.text.trimStart().length);
  }
  if (!Number.isFinite(common) || common === 0) return lines;
  return lines.map((line) => ({ text: line.text.slice(common), origin: shifted(line.origin, common) }));
}

function rangesOf(lines: SourceLine[], spec: string): SourceLine[] {
  const picked: SourceLine[] = [];
  for (const range of spec.slice(1).split(',')) {
    const [startText = '', endText = ''] = range.replace(/^:/, '').split(':');
    const start = clampLine(startText, 1, lines.length);
    const end = clampLine(endText, lines.length, lines.length);
    for (let line = start; line <= end; line++) picked.push(lines[line - 1]!);
  }
  return picked;
}

function clampLine(text: string, fallback: number, count: number): number {
  const value = Number.parseInt(text, 10);
  if (!Number.isFinite(value) || value === 0) return fallback;
  const line = value < 0 ? count + value + 1 : value;
  return Math.min(Math.max(line, 1), count);
}

function sectionOf(
  lines: SourceLine[],
  name: string,
  at: { file: string; line: number; column: number },
  frame: Frame,
  target: string,
): SourceLine[] {
  const picked: SourceLine[] = [];
  let inside = false;
  let found = false;
  for (const line of lines) {
    const marker = SNIPPET_SECTION.exec(line.text);
    if (marker && marker[2]!.toLowerCase() === name.toLowerCase()) {
      if (marker[1]!.toLowerCase() === 'start') {
        inside = true;
        found = true;
      } else if (inside) {
        break;
      }
      continue;
    }
    if (inside) picked.push(line);
  }
  if (!found) report(frame.state, 'warning', at, `Snippet "${target}" has no section "${name}"; nothing was included.`);
  return picked;
}

function parseArgs(text: string): Map<string, string> {
  const args = new Map<string, string>();
  for (const match of text.matchAll(INCLUDE_ARG)) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    args.set(match[1]!.toLowerCase(), value.replace(/\\(["'])/g, '$1'));
  }
  return args;
}

function shifted(origin: LineOrigin, delta: number): LineOrigin {
  return delta === 0 ? origin : { ...origin, shift: origin.shift + delta };
}

function sentence(message: string): string {
  const trimmed = message.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
