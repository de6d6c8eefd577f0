import { constructFromEvents, EVENT_ID, parseEvents, type Event } from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Document, type Node } from 'yaml';
import { expansionCheckFor } from './expanded-size.ts';

/** One YAML document of a descriptor file, with what is needed to point at any of its fields. */
export interface YamlDocument {
  /** The plain JS value (what Backstage would see). */
  value: unknown;
  /** 1-based line and column where the document's content starts. */
  line: number;
  column: number;
  /** Position of the node at `path` (or of its key, when `at` is 'key'), or of its nearest existing parent. */
  positionOf(path: readonly (string | number)[], at?: 'key' | 'value'): { line: number; column: number };
  /**
   * Where the text of a literal block (`key: |`) at `path` starts: the line after its header and the
   * block's indentation, so line n of the text is line `firstLine + n - 1` of the file. Undefined for
   * any other value, or none.
   */
  literalBlockAt(path: readonly (string | number)[]): LiteralBlock | undefined;
  /**
   * The document as `yaml` parses it, every node with its range, for a walk of the caller's own (every `$ref` of
   * an API definition). Parsed on first ask, once per file; undefined where `yaml` disagrees with the fast parser.
   */
  positioned(): PositionedYaml | undefined;
}

/** A document parsed with positions, and the line and column of an offset in its file. */
export interface PositionedYaml {
  document: Document;
  position(offset: number): { line: number; column: number };
}

export interface LiteralBlock {
  firstLine: number;
  indent: number;
}

export interface YamlSyntaxError {
  line: number;
  column: number;
  /** A syntax error; a document `yaml` parsed but could not turn into a value (too many aliases); one that expands past its limit. */
  kind: 'syntax' | 'unreadable' | 'too-large';
  /** The problem as the catalog reports it (`YAML syntax error (BAD_INDENT): …`). */
  message: string;
  /** What is wrong, without the catalog's prefix, for a caller that words its own problem. */
  reason: string;
}

export interface ParsedYamlFile {
  documents: YamlDocument[];
  errors: YamlSyntaxError[];
}

/** Aliases allowed per document: enough for real descriptors, far too few for an alias bomb. */
export const maxAliases = 100;

/**
 * Parses a (multi-document) YAML file. A document with a syntax error, or one that expands
 * through its aliases beyond the file's limit (`expansionCheckFor`), is reported and left
 * out; the other documents of the file are still returned.
 *
 * Most files are valid, and positions are only needed to point at a problem, so a valid file
 * is read with js-yaml's fast event parser and re-parsed with positions (by `yaml`) only when
 * a problem asks where a field is. A file js-yaml rejects goes straight to the positional
 * parser, which isolates the broken document and says where it broke.
 */
export function parseYamlDocuments(text: string): ParsedYamlFile {
  return parseFast(text) ?? parseWithPositions(text);
}

function parseFast(text: string): ParsedYamlFile | null {
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(text, { maxDepth: 100 });
    values = constructFromEvents(events, { source: text, maxAliases });
  } catch {
    return null;
  }
  const starts = documentStartOffsets(events);
  if (starts.length !== values.length) return null;
  let positioned: ParsedYamlFile | undefined;
  const documents: YamlDocument[] = [];
  const errors: YamlSyntaxError[] = [];
  const checkExpansion = expansionCheckFor(text.length);
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  values.forEach((value, index) => {
    if (value === null || value === undefined) return; // empty document
    const offset = starts[index]!;
    for (; scanned < offset; scanned++) {
      if (text.charCodeAt(scanned) === 10) {
        line++;
        lineStart = scanned + 1;
      }
    }
    const column = offset - lineStart + 1;
    const refusal = checkExpansion(value);
    if (refusal) {
      errors.push({ kind: 'too-large', line, column, message: expansionMessage(refusal), reason: refusal });
      return;
    }
    const documentIndex = documents.length;
    documents.push({
      value,
      line,
      column,
      positionOf: (path, at) => {
        positioned ??= parseWithPositions(text);
        const document = positioned.documents[documentIndex];
        return document ? document.positionOf(path, at) : { line, column: 1 };
      },
      literalBlockAt: (path) => {
        positioned ??= parseWithPositions(text);
        return positioned.documents[documentIndex]?.literalBlockAt(path);
      },
      positioned: () => {
        positioned ??= parseWithPositions(text);
        return positioned.documents[documentIndex]?.positioned();
      },
    });
  });
  return { documents, errors };
}

/** Offset where each document's content starts: the first node event after each document event. */
function documentStartOffsets(events: readonly Event[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.type !== EVENT_ID.DOCUMENT) continue;
    const next = events[i + 1];
    let offset = 0;
    if (next && 'start' in next) offset = next.start;
    else if (next && 'valueStart' in next) offset = next.valueStart;
    else if (next && 'anchorStart' in next) offset = Math.max(0, next.anchorStart - 1);
    starts.push(Math.max(0, offset));
  }
  return starts;
}

function parseWithPositions(text: string): ParsedYamlFile {
  const lineCounter = new LineCounter();
  const documents: YamlDocument[] = [];
  const errors: YamlSyntaxError[] = [];
  const checkExpansion = expansionCheckFor(text.length);
  let lines: string[] | undefined;
  for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true })) {
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
      const reason = firstSentence(first.message);
      errors.push({ kind: 'syntax', line: pos.line, column: pos.col, message: `YAML syntax error (${first.code}): ${reason}`, reason });
      continue;
    }
    // An empty document (a trailing `---`) is nothing, not a mistake.
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    let value: unknown;
    try {
      // maxAliasCount guards against "billion laughs" alias bombs in untrusted files.
      value = doc.toJS({ maxAliasCount: maxAliases });
    } catch (error) {
      const pos = lineCounter.linePos(doc.contents.range?.[0] ?? 0);
      const reason = (error as Error).message;
      errors.push({ kind: 'unreadable', line: pos.line, column: pos.col, message: `YAML could not be read: ${reason}`, reason });
      continue;
    }
    const start = lineCounter.linePos(doc.contents.range?.[0] ?? 0);
    const refusal = checkExpansion(value);
    if (refusal) {
      errors.push({ kind: 'too-large', line: start.line, column: start.col, message: expansionMessage(refusal), reason: refusal });
      continue;
    }
    const position = (offset: number) => {
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    };
    documents.push({
      value,
      line: start.line,
      column: start.col,
      positionOf: (path, at = 'value') => position(offsetOf(doc, path, at)),
      literalBlockAt: (path) => {
        const node = doc.getIn(path, true);
        if (!isScalar(node) || node.type !== Scalar.BLOCK_LITERAL || !node.range) return undefined;
        // The block's text starts on the line after its `|` header, at the indentation of its first line that has any.
        const headerLine = lineCounter.linePos(node.range[0]).line;
        lines ??= text.split('\n');
        const first = lines.slice(headerLine).find((line) => line.trim() !== '');
        return { firstLine: headerLine + 1, indent: first ? first.length - first.trimStart().length : 0 };
      },
      positioned: () => ({ document: doc, position }),
    });
  }
  return { documents, errors };
}

/** Character offset of the deepest node along `path` that exists. */
function offsetOf(doc: Document, path: readonly (string | number)[], at: 'key' | 'value'): number {
  let node: Node | null = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (let i = 0; i < path.length && node; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return offset;
      const keyNode = pair.key as Node;
      const valueNode = pair.value as Node | null;
      if (last && at === 'key') return keyNode.range?.[0] ?? offset;
      offset = valueNode?.range?.[0] ?? keyNode.range?.[0] ?? offset;
      node = valueNode;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

function expansionMessage(refusal: string): string {
  return `YAML document not loaded: ${refusal}`;
}

/** A `yaml` error message's first sentence: the library appends " at line X, column Y:" and an excerpt, and the position is reported apart. */
function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '').trim();
}
