/**
 * Python-Markdown's indented containers, rewritten on lines before parsing:
 * admonitions `!!! type "Title"`, collapsible `??? type` / `???+ type`, content tabs `=== "Label"` and definition
 * lists (`Term` then `:   definition`). Each container becomes an open marker, its title as its own paragraph, its
 * body de-indented by 4 (recursively, so nesting works) and a close marker. Markers are HTML comments (MDX: comment
 * expressions) carrying the per-process NONCE and an index into the side table; `remark-containers` turns the nodes
 * between a pair into one container node. Every emitted line keeps its origin, so positions still map back.
 */
import type { ContainerBlock, RenderState } from './render-state.ts';
import { addBlockIndex, NONCE } from './render-state.ts';
import type { Fence, LineOrigin, SourceLine } from './source-lines.ts';
import { closesFence, dedent, fenceOpening, indentWidth, isBlank } from './source-lines.ts';

const ADMONITION = /^(!!!|\?\?\?\+?)(?:[ \t]+([\w-]+(?:[ \t]+[\w-]+)*))?(?:[ \t]+"(.*)")?[ \t]*$/;
const TAB = /^===(!|\+|\+!|!\+)?[ \t]+"(.*)"[ \t]*$/;
const DEFINITION = /^:[ \t]{1,3}(?=\S)/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const DEFINITION_ITEM = /^([ \t]*):([ \t]+)/;
const TITLE_NEEDS_ESCAPE = /^(?:[#>+*=|<`~-]|\d+[.)])/;

export function markerText(state: RenderState, kind: 'o' | 'c', index: number): string {
  const body = `pb-${NONCE}:${kind}:${index}`;
  return state.mode === 'mdx' ? `{/*${body}*/}` : `<!--${body}-->`;
}

/** Marker pattern as seen in the tree: an html node (markdown) or an MDX flow expression (its value). */
export const MARKER = new RegExp(`^\\s*(?:<!--|\\/\\*)pb-${NONCE}:(o|c):(\\d+)(?:-->|\\*\\/)\\s*$`);

export function rewriteContainers(lines: SourceLine[], state: RenderState): SourceLine[] {
  return transform(lines, state, false);
}

interface Emitter {
  out: SourceLine[];
  state: RenderState;
}

function transform(lines: SourceLine[], state: RenderState, nested: boolean): SourceLine[] {
  const emit: Emitter = { out: [], state };
  const { out } = emit;
  let fence: Fence | undefined;
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const text = line.text;
    if (fence) {
      if (closesFence(text, fence)) fence = undefined;
      out.push(line);
      index++;
      continue;
    }
    const opening = fenceOpening(text);
    if (opening) {
      fence = opening;
      out.push(line);
      index++;
      continue;
    }

    const indent = indentWidth(text);
    const first = text.charCodeAt(text.length - text.trimStart().length);
    // Only `!`, `?`, `=` and `:` can start a container: a cheap test before any regex.
    if ((first === 33 || first === 63 || first === 61 || first === 58) && acceptsBlockAt(lines, index, indent)) {
      const content = text.trimStart();
      let next = -1;
      if (first === 33 || first === 63) next = admonition(emit, lines, index, indent, content);
      else if (first === 61) next = tabs(emit, lines, index, indent);
      else next = definitions(emit, lines, index, indent);
      if (next > index) {
        index = next;
        continue;
      }
    }
    out.push(line);
    index++;
  }
  // A fence left open inside a container closes with it (as in Python-Markdown), not with the document.
  if (fence && nested) out.push({ text: ' '.repeat(fence.indent) + fence.char.repeat(fence.length), origin: lines.at(-1)!.origin });
  return out;
}

/** A container header indented 4+ is code, unless it sits in a list item (Python-Markdown nests by 4 there). */
function acceptsBlockAt(lines: SourceLine[], index: number, indent: number): boolean {
  if (indent < 4) return true;
  for (let back = index - 1; back >= 0; back--) {
    const text = lines[back]!.text;
    if (isBlank(text)) continue;
    const width = indentWidth(text);
    if (width >= indent) continue;
    const item = LIST_ITEM.exec(text) ?? DEFINITION_ITEM.exec(text);
    if (!item) return false;
    return indent - width < 4 + (item[0].length - (item[1]?.length ?? 0));
  }
  return false;
}

/** Index of the first line after the body of a container whose header is at lines[header] with `indent`. */
function bodyEnd(lines: SourceLine[], header: number, indent: number): number {
  let end = header + 1;
  let lastContent = header;
  while (end < lines.length) {
    const text = lines[end]!.text;
    if (isBlank(text)) {
      end++;
      continue;
    }
    if (indentWidth(text) < indent + 4) break;
    lastContent = end;
    end++;
  }
  return lastContent + 1;
}

/** The body lines de-indented by (indent + 4), transformed recursively, then re-indented by `indent`. */
function body(emit: Emitter, lines: SourceLine[], from: number, to: number, indent: number, first?: SourceLine): void {
  const inner: SourceLine[] = first ? [first] : [];
  for (let index = from; index < to; index++) {
    const line = lines[index]!;
    const { text, removed } = dedent(line.text, indent + 4);
    inner.push({ text, origin: shift(line.origin, removed) });
  }
  if (inner.length === 0) return;
  const prefix = ' '.repeat(indent);
  const transformed = transform(inner, emit.state, true);
  separate(emit, transformed[0]!.origin);
  for (const line of transformed) {
    emit.out.push(indent && !isBlank(line.text) ? { text: prefix + line.text, origin: shift(line.origin, -indent) } : line);
  }
}

function admonition(emit: Emitter, lines: SourceLine[], index: number, indent: number, content: string): number {
  const match = ADMONITION.exec(content);
  if (!match) return -1;
  const marker = match[1]!;
  const types = (match[2] ?? '').split(/[ \t]+/).filter(Boolean);
  const title = match[3];
  if (marker === '!!!' && types.length === 0) return -1;
  if (marker !== '!!!' && types.length === 0 && title === undefined) return -1;

  const header = lines[index]!;
  const type = (types[0] ?? 'note').toLowerCase();
  const block: ContainerBlock = {
    kind: 'admonition',
    types: types.length > 0 ? types.map((value) => value.toLowerCase()) : ['note'],
    titled: Boolean(title),
    // `!!! note ""` has no title bar at all; a collapsible block always needs a summary.
    defaultTitle: title === '' && marker === '!!!' ? '' : type.charAt(0).toUpperCase() + type.slice(1),
    collapsible: marker === '!!!' ? 'no' : marker === '???+' ? 'open' : 'closed',
  };
  const id = addBlockIndex(emit.state, block);
  const end = bodyEnd(lines, index, indent);
  openMarker(emit, id, header.origin, indent);
  if (title) {
    const titleColumn = header.text.length - content.length + content.lastIndexOf(`"${title}"`) + 2;
    titleLine(emit, title, header.origin, indent, titleColumn);
  }
  body(emit, lines, index + 1, end, indent);
  closeMarker(emit, id, lines[end - 1]!.origin, indent);
  return end;
}

function tabs(emit: Emitter, lines: SourceLine[], index: number, indent: number): number {
  const firstMatch = TAB.exec(lines[index]!.text.trimStart());
  if (!firstMatch) return -1;
  const set = addBlockIndex(emit.state, { kind: 'tabset' });
  openMarker(emit, set, lines[index]!.origin, indent);
  let at = index;
  let last = index;
  let tabCount = 0;
  while (at < lines.length) {
    const header = lines[at]!;
    if (indentWidth(header.text) !== indent) break;
    const content = header.text.trimStart();
    const match = TAB.exec(content);
    if (!match) break;
    const flags = match[1] ?? '';
    if (tabCount > 0 && flags.includes('!')) break; // `===!` starts a new set
    tabCount++;
    const label = match[2] ?? '';
    const tab = addBlockIndex(emit.state, { kind: 'tab', selected: flags.includes('+') });
    openMarker(emit, tab, header.origin, indent);
    const labelColumn = header.text.length - content.length + content.indexOf('"') + 2;
    titleLine(emit, label, header.origin, indent, labelColumn);
    const end = bodyEnd(lines, at, indent);
    body(emit, lines, at + 1, end, indent);
    closeMarker(emit, tab, lines[end - 1]!.origin, indent);
    last = end;
    at = end;
    while (at < lines.length && isBlank(lines[at]!.text)) at++;
  }
  closeMarker(emit, set, lines[last - 1]!.origin, indent);
  return last;
}

/** `Term` lines (already emitted, just before) followed by one or more `:   definition` blocks. */
function definitions(emit: Emitter, lines: SourceLine[], index: number, indent: number): number {
  const firstLine = lines[index]!;
  if (!DEFINITION.test(firstLine.text.trimStart())) return -1;
  const terms = takeTerms(emit, indent);
  if (terms.length === 0) return -1;

  const list = addBlockIndex(emit.state, { kind: 'dl' });
  openMarker(emit, list, terms[0]!.origin, indent);
  let at = index;
  let pendingTerms: SourceLine[] = terms;
  let last = index;
  for (;;) {
    for (const term of pendingTerms) {
      const dt = addBlockIndex(emit.state, { kind: 'dt' });
      openMarker(emit, dt, term.origin, indent);
      emit.out.push(term);
      closeMarker(emit, dt, term.origin, indent);
    }
    const line = lines[at]!;
    const content = line.text.slice(line.text.length - line.text.trimStart().length);
    const lead = DEFINITION_ITEM.exec(content)!;
    const firstText = content.slice(lead[0].length);
    const removed = line.text.length - firstText.length;
    const dd = addBlockIndex(emit.state, { kind: 'dd' });
    openMarker(emit, dd, line.origin, indent);
    const end = bodyEnd(lines, at, indent);
    body(emit, lines, at + 1, end, indent, { text: firstText, origin: shift(line.origin, removed) });
    closeMarker(emit, dd, lines[end - 1]!.origin, indent);
    last = end;

    // Another definition of the same term, or further terms with their definitions, continue the list.
    let next = end;
    while (next < lines.length && isBlank(lines[next]!.text)) next++;
    const nextLine = lines[next];
    if (nextLine && indentWidth(nextLine.text) === indent && DEFINITION.test(nextLine.text.trimStart())) {
      pendingTerms = [];
      at = next;
      continue;
    }
    let termEnd = next;
    while (termEnd < lines.length && termEnd - next < 4 && isTermLine(lines[termEnd]!.text, indent)) termEnd++;
    let definitionAt = termEnd;
    if (definitionAt < lines.length && isBlank(lines[definitionAt]!.text)) definitionAt++;
    const candidate = lines[definitionAt];
    if (
      termEnd > next &&
      candidate &&
      indentWidth(candidate.text) === indent &&
      DEFINITION.test(candidate.text.trimStart())
    ) {
      pendingTerms = lines.slice(next, termEnd);
      at = definitionAt;
      continue;
    }
    break;
  }
  closeMarker(emit, list, lines[last - 1]!.origin, indent);
  return last;
}

/** Removes and returns the term paragraph emitted just before a definition (a blank line between is allowed). */
function takeTerms(emit: Emitter, indent: number): SourceLine[] {
  const { out } = emit;
  let end = out.length;
  if (end > 0 && isBlank(out[end - 1]!.text)) end--;
  let start = end;
  while (start > 0 && isTermLine(out[start - 1]!.text, indent) && end - start < 4) start--;
  if (start === end) return [];
  if (start > 0 && !isBlank(out[start - 1]!.text)) return [];
  const terms = out.slice(start, end);
  out.length = start;
  return terms;
}

function isTermLine(text: string, indent: number): boolean {
  if (isBlank(text) || indentWidth(text) !== indent) return false;
  const content = text.trimStart();
  if (MARKER.test(content)) return false;
  return !/^(?:[#>|]|[-*+][ \t]|\d+[.)][ \t]|```|~~~|:[ \t]|!!!|\?\?\?|===|<(?!!--))/.test(content);
}

function openMarker(emit: Emitter, id: number, origin: LineOrigin, indent: number): void {
  separate(emit, origin);
  emit.out.push({ text: ' '.repeat(indent) + markerText(emit.state, 'o', id), origin });
  emit.out.push({ text: '', origin });
}

function closeMarker(emit: Emitter, id: number, origin: LineOrigin, indent: number): void {
  separate(emit, origin);
  emit.out.push({ text: ' '.repeat(indent) + markerText(emit.state, 'c', id), origin });
  emit.out.push({ text: '', origin });
}

/** The title (or tab label) as a paragraph of its own; a leading block character is escaped to stay a paragraph. */
function titleLine(emit: Emitter, title: string, origin: LineOrigin, indent: number, column: number): void {
  const escaped = TITLE_NEEDS_ESCAPE.test(title)
    ? title.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([#>+*=|<`~-])/, '\\$1')
    : title;
  const extra = escaped.length - title.length;
  separate(emit, origin);
  emit.out.push({ text: ' '.repeat(indent) + escaped, origin: shift(origin, column - 1 - indent - extra) });
  emit.out.push({ text: '', origin });
}

function separate(emit: Emitter, origin: LineOrigin): void {
  const last = emit.out.at(-1);
  if (last && !isBlank(last.text)) emit.out.push({ text: '', origin });
}

function shift(origin: LineOrigin, delta: number): LineOrigin {
  return delta === 0 ? origin : { ...origin, shift: origin.shift + delta };
}
