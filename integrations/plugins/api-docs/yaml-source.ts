import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { parseYamlDocuments, type PositionedYaml } from '../../plugin-api.ts';
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
 * Parses YAML (JSON is YAML) or throws a DefinitionError at the first syntax error. Read as the
 * catalog reads a descriptor (`parseYamlDocuments`): the fast parser for the value, `yaml`'s node
 * positions only when something must be located, the same limits on aliases and on what the value
 * expands to.
 */
export function parseYamlSource(text: string, what: string): YamlSource {
  const { documents, errors } = parseYamlDocuments(text);
  const [error] = errors;
  if (error?.kind === 'too-large') throw new DefinitionError(`${what} was not read: ${error.reason}.`, { line: 1 });
  if (error?.kind === 'unreadable') throw new DefinitionError(`${what} could not be read: ${error.reason}`);
  if (error) throw new DefinitionError(`${what} is not valid YAML or JSON: ${error.reason}`, { line: error.line, column: error.column });
  if (documents.length > 1) throw new DefinitionError(`${what} is not valid YAML or JSON: it holds ${documents.length} documents, and a definition is one`, { line: documents[1]!.line, column: documents[1]!.column });
  const [document] = documents;
  return {
    value: document?.value,
    positionOf: (segments) => {
      const parsed = document?.positioned();
      const node = parsed && nodeAt(parsed.document, segments);
      return parsed && node?.range ? parsed.position(node.range[0]) : undefined;
    },
    refs: () => {
      const parsed = document?.positioned();
      return parsed ? refsIn(parsed) : [];
    },
  };
}

function refsIn({ document, position }: PositionedYaml): { ref: string; position: TextPosition }[] {
  const found: { ref: string; position: TextPosition }[] = [];
  collectRefs(document.contents, (ref, node) => found.push({ ref, position: position(node.range?.[0] ?? 0) }));
  return found;
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
