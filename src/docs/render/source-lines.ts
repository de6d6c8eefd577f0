/**
 * Lines of the preprocessed text and where each one came from, so that positions in the text the markdown parser
 * sees can be mapped back to the ORIGINAL file, line and column (after front matter, includes and de-indented
 * admonition bodies).
 */

export interface UrlBase {
  /** The file a relative URL on this line is resolved against (mkdocs semantics), and where it is reported. */
  file: string;
  line: number;
  /** When set, every URL on the line is reported at this column (a `--8<--` directive: the URLs are not there). */
  column?: number;
}

export interface LineOrigin {
  /** Repo-relative path of the file the line was read from. */
  file: string;
  /** 1-based line in that file. */
  line: number;
  /** Original column = column in the preprocessed line + shift. */
  shift: number;
  /** Set for lines pasted by `--8<--`: their URLs belong to the page that pasted them, at the directive. */
  urlBase?: UrlBase;
}

export interface SourceLine {
  text: string;
  origin: LineOrigin;
}

export interface MappedPosition {
  file: string;
  line: number;
  column: number;
}

const LINE_BREAK = /\r\n|\r|\n/;

/** Splits a file's text into located lines. */
export function toSourceLines(text: string, file: string): SourceLine[] {
  const parts = text.split(LINE_BREAK);
  const lines: SourceLine[] = new Array(parts.length);
  for (let index = 0; index < parts.length; index++) {
    lines[index] = { text: parts[index] ?? '', origin: { file, line: index + 1, shift: 0 } };
  }
  return lines;
}

/** Maps a 1-based (line, column) of the preprocessed text to the original file. */
export function mapPosition(origins: readonly LineOrigin[], line: number, column: number): MappedPosition {
  const origin = origins[Math.min(Math.max(line, 1), origins.length) - 1];
  if (!origin) return { file: '', line: 1, column: 1 };
  return { file: origin.file, line: origin.line, column: Math.max(1, column + origin.shift) };
}

/** Where a URL found at (line, column) of the preprocessed text is reported and resolved. */
export function mapUrlPosition(origins: readonly LineOrigin[], line: number, column: number): MappedPosition {
  const origin = origins[Math.min(Math.max(line, 1), origins.length) - 1];
  if (!origin) return { file: '', line: 1, column: 1 };
  const base = origin.urlBase;
  if (base) return { file: base.file, line: base.line, column: base.column ?? 1 };
  return { file: origin.file, line: origin.line, column: Math.max(1, column + origin.shift) };
}

export function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/** Width of the leading whitespace in columns, tabs advancing to the next multiple of 4 (Python-Markdown's rule). */
export function indentWidth(text: string): number {
  let width = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 32) width++;
    else if (code === 9) width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** Removes `columns` columns of leading whitespace (a tab straddling the cut is replaced by the spaces it still owes).
 *  Returns the new text and how many characters were removed (for the column map). */
export function dedent(text: string, columns: number): { text: string; removed: number } {
  let width = 0;
  let index = 0;
  while (index < text.length && width < columns) {
    const code = text.charCodeAt(index);
    if (code === 32) width++;
    else if (code === 9) width += 4 - (width % 4);
    else break;
    index++;
  }
  const over = width - columns;
  if (over > 0) return { text: ' '.repeat(over) + text.slice(index), removed: index - over };
  return { text: text.slice(index), removed: index };
}

export function withShift(origin: LineOrigin, delta: number): LineOrigin {
  return delta === 0 ? origin : { ...origin, shift: origin.shift + delta };
}

/** A line the preprocessor adds (markers, blank separators), located at an existing line. */
export function syntheticLine(text: string, origin: LineOrigin): SourceLine {
  return { text, origin };
}

/** An open fenced code block: its character, length and indentation (a closer may be indented at most 3 more). */
export interface Fence {
  char: string;
  length: number;
  indent: number;
}

const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^([ \t]*)(`{3,}|~{3,})[ \t]*$/;

export function fenceOpening(text: string): Fence | undefined {
  const open = FENCE_OPEN.exec(text);
  if (!open) return undefined;
  const marker = open[2]!;
  if (marker[0] === '`' && open[3]!.includes('`')) return undefined;
  return { char: marker[0]!, length: marker.length, indent: indentWidth(open[1]!) };
}

export function closesFence(text: string, fence: Fence): boolean {
  const close = FENCE_CLOSE.exec(text);
  if (!close) return false;
  const marker = close[2]!;
  return marker[0] === fence.char && marker.length >= fence.length && indentWidth(close[1]!) < Math.max(fence.indent, 0) + 4;
}
