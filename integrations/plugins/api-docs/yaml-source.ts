import { load } from 'js-yaml';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { expansionCheckFor } from '../../plugin-api.ts';
import { DefinitionError, type TextPosition } from './definition-error.ts';

/**
 * A YAML or JSON definition parsed with positions, so a failure found later (a schema
 * validation error at `/paths/~1orders/get`, a `$ref` that cannot be followed) can be
 * reported at its line and column in the text as written.
 */
export interface YamlSource {
  value: unknown;
  /** Line and column of the node at a JSON pointer's segments, or of its deepest existing ancestor. */
  positionOf(segments: readonly string[]): TextPosition | undefined;
  /** Every `$ref` string in the text, with its position. */
  refs(): { ref: string; position: TextPosition }[];
}

/**
 * Parses YAML (JSON is YAML) or throws a DefinitionError at the first syntax error.
 *
 * Two parsers, for speed: js-yaml reads the value (several times faster on a big definition),
 * and `yaml`, which keeps every node's position, runs only when a position is asked for, i.e.
 * when something is wrong. A definition with aliases is read by `yaml` alone, whose alias limit
 * refuses "billion laughs" documents instead of expanding them.
 */
export function parseYamlSource(text: string, what: string): YamlSource {
  let value: unknown;
  let precise: Precise | undefined;
  const parsePrecise = () => (precise ??= preciseParse(text, what));
  try {
    value = load(text, { maxAliases: 0 });
  } catch (error) {
    // Either an alias (left to the careful parser) or a syntax error, which the careful parser
    // reports too, with the same wording as every other position in this plugin.
    value = parsePrecise().value;
  }
  // The catalog's limit on what a YAML document may expand to (aliases written out, depth) applies to definitions too.
  const refusal = expansionCheckFor(text.length)(value);
  if (refusal) throw new DefinitionError(`${what} was not read: ${refusal}.`, { line: 1 });
  return {
    value,
    positionOf: (segments) => {
      const parsed = positionsOrNothing(parsePrecise);
      const node = parsed && nodeAt(parsed.document, segments);
      return parsed && node?.range ? parsed.position(node.range[0]) : undefined;
    },
    refs: () => {
      const parsed = positionsOrNothing(parsePrecise);
      if (!parsed) return [];
      const { document, position } = parsed;
      const found: { ref: string; position: TextPosition }[] = [];
      collectRefs(document.contents, (ref, node) => found.push({ ref, position: position(node.range?.[0] ?? 0) }));
      return found;
    },
  };
}

/** Positions are a courtesy: where the two parsers disagree about a text js-yaml accepted, there are none. */
function positionsOrNothing(parse: () => Precise): Precise | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

interface Precise {
  value: unknown;
  document: Document;
  position(offset: number): TextPosition;
}

function preciseParse(text: string, what: string): Precise {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    throw new DefinitionError(`${what} is not valid YAML or JSON: ${firstLine(error.message)}`, at ? { line: at.line, column: at.col } : undefined);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw new DefinitionError(`${what} could not be read: ${firstLine((cause as Error).message)}`);
  }
  return {
    value,
    document,
    position: (offset) => {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
  };
}

/**
 * The node at a path of keys and indexes: the value when it is a scalar, else its key (the line
 * a reader looks for). Stops at the deepest node that exists, e.g. the `$ref` a path runs into.
 */
function nodeAt(document: Document, segments: readonly string[]): Node | undefined {
  let node: unknown = document.contents;
  let located: Node | undefined = isNode(node) ? node : undefined;
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === segment);
      if (!pair) break;
      node = pair.value;
      located = isScalar(node) && node.range ? node : isNode(pair.key) ? pair.key : located;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined || !/^\d+$/.test(segment)) break;
      node = item;
      if (isNode(item)) located = item;
    } else break;
  }
  return located;
}

function collectRefs(node: unknown, found: (ref: string, node: Node) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (keyText(pair.key) === '$ref' && isScalar(pair.value) && typeof pair.value.value === 'string') found(pair.value.value, pair.value);
      else collectRefs(pair.value, found);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) collectRefs(item, found);
  }
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

export function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '').trim();
}
