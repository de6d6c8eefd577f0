import { createRequire } from 'node:module';
import { DefinitionError, type TextPosition } from './definition-error.ts';

/**
 * How big a definition becomes once its `$ref`s are followed. Parsers dereference a definition
 * into a graph that shares each referenced schema, but then validate and walk it as a tree: a
 * few kilobytes whose schemas each refer to the next one ten times become a billion nodes, and
 * no parser stops on its own. This counts the tree's nodes over the graph, each object once
 * (its count is kept), so it costs what the text costs, and stops counting at the limit.
 */

/** Where a `$ref` leads: the value and the URL of the file it is in, which its own `$ref`s resolve against. */
export interface RefTarget {
  value: unknown;
  base: string;
}

/** Resolves a `$ref` as written, against the URL of the file it was written in; undefined when it leads nowhere. */
export type FollowRef = (ref: string, base: string) => RefTarget | undefined;

export interface ExpansionCount {
  /** Nodes of the tree, counted up to `limit + 1`. */
  nodes: number;
  /** The tree is bigger than the limit. */
  over: boolean;
  /** Nodes below a value of the document as counted (`limit + 1` once over); undefined when not reached. */
  nodesBelow(value: object): number | undefined;
}

/** Deeper than json-schema-ref-parser's own `maxDepth`: nothing real nests this far. */
const maxNesting = 1_000;

/**
 * Nodes (objects, arrays and scalars) of the tree `root` becomes when each `$ref` object is
 * replaced by what it refers to, as dereferencing does. A `$ref` back into one of its own
 * ancestors counts once, as the parsers cut it there.
 */
export function countExpandedNodes(root: unknown, base: string, follow: FollowRef, limit: number): ExpansionCount {
  const counted = new Map<object, number>();
  const open = new Set<object>();
  let over = false;

  const count = (value: unknown, base: string, depth: number): number => {
    if (typeof value !== 'object' || value === null) return 1;
    if (open.has(value)) return 1;
    const known = counted.get(value);
    if (known !== undefined) return known;
    if (depth > maxNesting) {
      over = true;
      return limit + 1;
    }
    open.add(value);
    let nodes = 1;
    const ref = (value as Record<string, unknown>).$ref;
    if (typeof ref === 'string' && !Array.isArray(value)) {
      const target = follow(ref, base);
      if (target) nodes += count(target.value, target.base, depth + 1);
    } else {
      for (const child of Object.values(value)) {
        nodes += count(child, base, depth + 1);
        if (nodes > limit) break;
      }
    }
    open.delete(value);
    if (nodes > limit) {
      over = true;
      nodes = limit + 1;
    }
    counted.set(value, nodes);
    return nodes;
  };

  const nodes = count(root, base, 0);
  return { nodes, over, nodesBelow: (value) => counted.get(value) };
}

/**
 * The error for a definition over the limit, at the first `$ref` written in its text whose
 * target alone is over it (in a fan-out, the top of the fan), else at no particular line.
 */
export function expansionError(
  what: string,
  limit: number,
  count: ExpansionCount,
  refs: readonly { ref: string; position: TextPosition }[],
  base: string,
  follow: FollowRef,
): DefinitionError {
  const heaviest = refs.find(({ ref }) => {
    const target = follow(ref, base)?.value;
    return typeof target === 'object' && target !== null && (count.nodesBelow(target) ?? 0) > limit;
  });
  const where = heaviest ? ` Following $ref "${heaviest.ref}" alone goes past it.` : '';
  return new DefinitionError(
    `${what} is too big to render: with its $refs followed it would have more than ${limit.toLocaleString('en-US')} nodes (the API docs plugin's maxExpandedNodes), ` +
      `because schemas refer to schemas that refer to others many times over.${where} Refer to fewer schemas per level, or raise maxExpandedNodes`,
    heaviest?.position,
  );
}

interface RefParser {
  resolve(path: string, schema: object, options: object): Promise<{ get(url: string): unknown }>;
}

/**
 * Reads the files a definition refers to (with `read`, through the repo) and returns how to
 * follow its `$ref`s, for a parser that dereferences inside one call and cannot be sized midway
 * (AsyncAPI's). json-schema-ref-parser, swagger-parser's copy, only resolves here: nothing is
 * dereferenced. undefined when a file cannot be parsed: the parser then reports that itself.
 */
export async function followRefsOf(baseUrl: string, value: object, read: (url: string) => Promise<string>): Promise<FollowRef | undefined> {
  const fromParser = createRequire(createRequire(import.meta.url).resolve('@apidevtools/swagger-parser'));
  const { $RefParser } = fromParser('@apidevtools/json-schema-ref-parser') as { $RefParser: new () => RefParser };
  let refs: { get(url: string): unknown };
  try {
    refs = await new $RefParser().resolve(baseUrl, value, {
      resolve: { file: false, http: false, repo: { order: 1, canRead: true, read: (file: { url: string }) => read(file.url) } },
    });
  } catch {
    return undefined;
  }
  return (ref, base) => {
    const url = new URL(ref, base).href;
    try {
      return { value: refs.get(url), base: url.split('#')[0]! };
    } catch {
      return undefined;
    }
  };
}
