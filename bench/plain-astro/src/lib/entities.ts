import { readFileSync } from 'node:fs';

export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description?: string;
    tags?: string[];
    [k: string]: unknown;
  };
  spec?: Record<string, unknown>;
}

let cache: Entity[] | undefined;

/** All entities, parsed once per build from the JSON list the bench harness wrote. */
export function entities(): Entity[] {
  if (cache) return cache;
  const file = process.env.BENCH_ENTITIES_JSON;
  if (!file) throw new Error('BENCH_ENTITIES_JSON is not set (run via `npm run bench`)');
  cache = JSON.parse(readFileSync(file, 'utf8')) as Entity[];
  return cache;
}

export const ns = (e: Entity): string => e.metadata.namespace ?? 'default';

export const href = (e: Entity): string =>
  `/catalog/${ns(e)}/${e.kind.toLowerCase()}/${e.metadata.name}/`;

/** Link target for an owner ref like `group:team-a` / `team-a` (kind defaults to group). */
export function refHref(ref: string, defaultKind: string): string {
  const m = /^(?:([^:]+):)?(?:([^/]+)\/)?(.+)$/.exec(ref)!;
  return `/catalog/${m[2] ?? 'default'}/${(m[1] ?? defaultKind).toLowerCase()}/${m[3]}/`;
}
