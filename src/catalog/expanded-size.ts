/**
 * How big a parsed YAML value really is. YAML parsers share one object for every alias of an anchor, so parsing an
 * alias bomb is cheap, but everything that walks the value afterwards (Backstage's validation, the structured clone to
 * the main thread, JSON.stringify of catalog.json, a docs page's front matter) walks the *expanded* tree, which can be
 * exponentially larger than the text. The alias count alone does not bound that: a few dozen aliases that each double
 * the one before are enough. So every YAML value read from a repo is measured here, once, over the shared-object graph
 * (each object's size is computed once and reused wherever it is aliased), and refused above a limit.
 */

/** What a value expands to when every alias is written out. */
export interface ExpandedSize {
  /** Every mapping, sequence and scalar, and every mapping key. */
  values: number;
  /** Characters of every string scalar and key (what JSON.stringify writes, give or take quotes). */
  characters: number;
  /** Levels of mappings and sequences, a scalar being 0: what every recursive walk of the value (JSON.stringify, a structured clone) spends stack on. */
  depth: number;
}

/** An upper bound for each part of an ExpandedSize. */
export type ExpansionLimit = ExpandedSize;

/**
 * The least any YAML file may expand to: far above the largest real descriptor files measured (Backstage's examples,
 * the TechDocs corpus and the bundled example organisation; figures in BENCHMARKS.md), so a real file that aliases a
 * block many times still fits, while a small alias bomb stops here. The depth is js-yaml's `maxDepth`, which
 * the catalog's fast parser already applies, so both of its parsers refuse the same documents.
 */
export const minExpansionLimit: ExpansionLimit = { values: 50_000, characters: 2_000_000, depth: 100 };

/**
 * Without aliases a YAML text holds at most about one value per character and never more characters than it has, so a
 * limit of a few times the text's length never refuses a large file written out in full (an inline API definition).
 */
const expansionPerCharacter = 4;

/** The expansion limit for a YAML file of `textLength` characters. */
export function expansionLimitFor(textLength: number): ExpansionLimit {
  return {
    values: Math.max(minExpansionLimit.values, expansionPerCharacter * textLength),
    characters: Math.max(minExpansionLimit.characters, expansionPerCharacter * textLength),
    depth: minExpansionLimit.depth,
  };
}

/** Why a value was refused: too large or too deep written out, or it contains itself through an alias (it would never end). */
export type ExpansionRefusal = { over: 'size' | 'depth'; limit: ExpansionLimit } | { over: 'cycle' };

/**
 * The expanded size of `value`, or why it is refused. Time and memory are O(distinct objects): each object's size is
 * remembered, so a value aliased a million times is measured once. It stops as soon as the running total passes
 * `limit`. Iterative, so a deeply nested value cannot overflow the stack.
 */
export function measureExpansion(value: unknown, limit: ExpansionLimit): ExpandedSize | ExpansionRefusal {
  const sizes = new Map<object, ExpandedSize>();
  const open = new Set<object>();
  // One frame per container being measured (the stack is the path from the root): its size so far, the children left.
  interface Frame {
    object: object;
    children: unknown[];
    next: number;
    size: ExpandedSize;
  }
  const stack: Frame[] = [];
  const total: ExpandedSize = { values: 0, characters: 0, depth: 0 };
  // Everything written out so far, across the whole value: what the limit is checked against.
  const written = { values: 0, characters: 0 };

  /**
   * Adds a measured part to the container on top (or to the total). `fresh`: not yet written (a scalar, a container's
   * own keys, an object measured before), as opposed to a finished container whose parts were written as they came.
   */
  const add = (part: ExpandedSize, fresh: boolean): ExpansionRefusal | undefined => {
    if (stack.length + part.depth > limit.depth) return { over: 'depth', limit };
    const target = stack.at(-1)?.size ?? total;
    target.values += part.values;
    target.characters += part.characters;
    target.depth = Math.max(target.depth, part.depth);
    if (!fresh) return undefined;
    written.values += part.values;
    written.characters += part.characters;
    return written.values > limit.values || written.characters > limit.characters ? { over: 'size', limit } : undefined;
  };
  /** A scalar or an already measured container is added at once; a new container gets a frame. */
  const visit = (child: unknown): ExpansionRefusal | undefined => {
    if (typeof child !== 'object' || child === null) return add(scalarSize(child), true);
    const known = sizes.get(child);
    if (known) return add(known, true);
    if (open.has(child)) return { over: 'cycle' };
    const own = containerEntries(child);
    if (!own) return add({ values: 1, characters: ArrayBuffer.isView(child) ? child.byteLength : 0, depth: 0 }, true);
    if (stack.length + 1 > limit.depth) return { over: 'depth', limit };
    open.add(child);
    stack.push({ object: child, children: own.children, next: 0, size: { values: 0, characters: 0, depth: 0 } });
    return add({ values: 1 + own.keys, characters: own.keyCharacters, depth: 0 }, true);
  };

  let refusal = visit(value);
  while (refusal === undefined && stack.length > 0) {
    const frame = stack.at(-1)!;
    if (frame.next < frame.children.length) {
      refusal = visit(frame.children[frame.next++]);
      continue;
    }
    stack.pop();
    open.delete(frame.object);
    // A container is one level deeper than its deepest child.
    const size = { ...frame.size, depth: frame.size.depth + 1 };
    sizes.set(frame.object, size);
    refusal = add(size, false);
  }
  return refusal ?? total;
}

/**
 * A check for the documents of one YAML file of `textLength` characters, called with each document's value in order:
 * they share the file's limit, so a file cannot multiply it by holding many documents. Returns why a document is
 * refused (a clause for a problem message), or undefined when it fits; a refused document uses none of the limit.
 */
export function expansionCheckFor(textLength: number): (value: unknown) => string | undefined {
  const limit = expansionLimitFor(textLength);
  const used = { values: 0, characters: 0 };
  return (value) => {
    const size = measureExpansion(value, { values: limit.values - used.values, characters: limit.characters - used.characters, depth: limit.depth });
    if ('over' in size) {
      if (size.over === 'cycle') return 'it contains itself through an alias, so written out it would never end';
      if (size.over === 'depth') return `it nests mappings and sequences more than ${limit.depth} levels deep`;
      const earlier = used.values > 0 ? ' together with the documents before it' : '';
      return `with its aliases written out it expands to more than ${count(limit.values)} values or ${count(limit.characters)} characters${earlier}, the most a YAML file of ${count(textLength)} characters may expand to`;
    }
    used.values += size.values;
    used.characters += size.characters;
    return undefined;
  };
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * The children of a mapping or sequence, and its string keys (counted here, as values of their own). A `Map` (a
 * mapping with complex keys, as `yaml` may build it) has its keys measured as children; a `Set` is a sequence.
 */
function containerEntries(object: object): { children: unknown[]; keys: number; keyCharacters: number } | undefined {
  if (Array.isArray(object)) return { children: object, keys: 0, keyCharacters: 0 };
  if (object instanceof Map) return { children: [...object.keys(), ...object.values()], keys: 0, keyCharacters: 0 };
  if (object instanceof Set) return { children: [...object], keys: 0, keyCharacters: 0 };
  if (ArrayBuffer.isView(object) || object instanceof Date || object instanceof RegExp) return undefined;
  const keys = Object.keys(object);
  let keyCharacters = 0;
  for (const key of keys) keyCharacters += key.length;
  const children: unknown[] = keys.map((key) => (object as Record<string, unknown>)[key]);
  return { children, keys: keys.length, keyCharacters };
}

function scalarSize(value: unknown): ExpandedSize {
  return { values: 1, characters: typeof value === 'string' ? value.length : 0, depth: 0 };
}
