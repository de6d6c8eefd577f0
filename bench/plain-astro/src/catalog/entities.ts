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
    links?: { url: string; title?: string }[];
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  spec?: Record<string, unknown>;
}

export interface Reference {
  field: string;
  raw: string;
  target?: Entity;
}

interface Catalog {
  all: Entity[];
  byRef: Map<string, Entity>;
  /** ref -> entities whose spec points at it, with the spec field used */
  incoming: Map<string, { field: string; from: Entity }[]>;
}

// Kind assumed for a bare name in a spec field (Backstage's defaults for these fields).
const DEFAULT_KIND: Record<string, string> = {
  owner: 'group', system: 'system', domain: 'domain', parent: 'group', children: 'group',
  memberOf: 'group', members: 'user', providesApis: 'api', consumesApis: 'api',
  dependsOn: 'component', dependencyOf: 'component', subcomponentOf: 'component',
};

export const ns = (e: Entity): string => e.metadata.namespace ?? 'default';
export const refOf = (e: Entity): string => `${e.kind.toLowerCase()}:${ns(e)}/${e.metadata.name}`;
export const href = (e: Entity): string => `/catalog/${ns(e)}/${e.kind.toLowerCase()}/${e.metadata.name}/`;
export const titleOf = (e: Entity): string => e.metadata.title ?? e.metadata.name;

/** `[kind:][namespace/]name` -> `kind:namespace/name`, or undefined if no kind is known. */
function normalize(raw: string, field: string): string | undefined {
  const m = /^(?:([^:/]+):)?(?:([^/]+)\/)?(.+)$/.exec(raw);
  const kind = m?.[1] ?? DEFAULT_KIND[field];
  return m && kind ? `${kind.toLowerCase()}:${m[2] ?? 'default'}/${m[3]}` : undefined;
}

let cache: Catalog | undefined;

/** The catalog, parsed once per build from the JSON list the bench harness wrote. */
function catalog(): Catalog {
  if (cache) return cache;
  const file = process.env.BENCH_ENTITIES_JSON;
  if (!file) throw new Error('BENCH_ENTITIES_JSON is not set (run via `npm run bench`)');
  const all = JSON.parse(readFileSync(file, 'utf8')) as Entity[];
  const byRef = new Map(all.map((e) => [refOf(e), e]));
  const incoming: Catalog['incoming'] = new Map();
  for (const from of all) {
    for (const { field, raw } of rawRefs(from)) {
      const to = normalize(raw, field);
      if (!to || !byRef.has(to)) continue;
      if (!incoming.has(to)) incoming.set(to, []);
      incoming.get(to)!.push({ field, from });
    }
  }
  cache = { all, byRef, incoming };
  return cache;
}

function rawRefs(e: Entity): { field: string; raw: string }[] {
  const out: { field: string; raw: string }[] = [];
  for (const [field, value] of Object.entries(e.spec ?? {})) {
    if (!(field in DEFAULT_KIND)) continue;
    for (const raw of Array.isArray(value) ? value : [value]) if (typeof raw === 'string') out.push({ field, raw });
  }
  return out;
}

export const entities = (): Entity[] => catalog().all;

/** The entity's outgoing references (spec fields that name other entities), resolved if possible. */
export function references(e: Entity): Reference[] {
  const { byRef } = catalog();
  return rawRefs(e).map(({ field, raw }) => {
    const ref = normalize(raw, field);
    return { field, raw, target: ref ? byRef.get(ref) : undefined };
  });
}

/** Entities referring to this one, grouped by the spec field they use. */
export function referencedBy(e: Entity): [string, Entity[]][] {
  const groups = new Map<string, Entity[]>();
  for (const { field, from } of catalog().incoming.get(refOf(e)) ?? []) {
    if (!groups.has(field)) groups.set(field, []);
    groups.get(field)!.push(from);
  }
  return [...groups.entries()];
}

/** Link target for an unresolved ref like `group:team-a` / `team-a`. */
export function refHref(raw: string, field: string): string {
  const ref = normalize(raw, field) ?? raw;
  const [kind, rest] = ref.split(':');
  return `/catalog/${rest.split('/')[0]}/${kind}/${rest.split('/')[1]}/`;
}
