/**
 * Deterministic generator for a synthetic Backstage-format organisation.
 *
 * Writes `repos` immediate subfolders of `dir`, each holding one multi-document
 * `catalog-info.yaml` with ~50 entities. Same `{ entities, seed }` always yields
 * byte-identical output (seeded PRNG, no Math.random, no clock).
 *
 * Proportions (of the total entity count):
 *   Domain 1%, System 5%, Group 4%, User 20%, Component 45%, API 15%, Resource 10%
 *
 * CLI:
 *   node support/generate-org.ts --entities 2000 --dir /tmp/org [--seed 1] [--per-repo 50]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { Rng } from './seeded-random.ts';

export type Kind = 'Domain' | 'System' | 'Group' | 'User' | 'Component' | 'API' | 'Resource';

export interface GenerateOrgOptions {
  /** Total number of entities to generate (>= 7, one of each kind). Default 2000. */
  entities?: number;
  /** Output directory; repos are written as its immediate subfolders. */
  dir: string;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** Target entities per repo. Default 50. */
  perRepo?: number;
  /** Remove `dir` before writing. Default true. */
  clean?: boolean;
  /** Extra annotations per entity (e.g. the plugin bench's Kubernetes ones); must be deterministic. Default none. */
  annotate?: (entity: GeneratedEntity) => Record<string, string> | undefined;
}

export interface GenerateOrgResult {
  dir: string;
  entities: number;
  repos: number;
  byKind: Record<Kind, number>;
  /** Total bytes of YAML written. */
  bytes: number;
}

export interface GeneratedEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: Kind;
  metadata: {
    name: string;
    title?: string;
    description: string;
    tags?: string[];
    annotations?: Record<string, string>;
    links?: { url: string; title: string }[];
  };
  spec: Record<string, unknown>;
}

export const KIND_SHARES: ReadonlyArray<readonly [Kind, number]> = [
  ['Domain', 0.01],
  ['System', 0.05],
  ['Group', 0.04],
  ['User', 0.2],
  ['Component', 0.45],
  ['API', 0.15],
  ['Resource', 0.1],
];


/** Split `total` across KIND_SHARES (largest remainder), at least 1 per kind. */
export function kindCounts(total: number): Record<Kind, number> {
  if (!Number.isInteger(total) || total < KIND_SHARES.length) {
    throw new Error(`entities must be an integer >= ${KIND_SHARES.length}, got ${total}`);
  }
  const raw = KIND_SHARES.map(([k, s]) => ({ k, exact: total * s, n: Math.max(1, Math.floor(total * s)) }));
  let left = total - raw.reduce((a, r) => a + r.n, 0);
  // hand out the remainder by largest fractional part (stable order on ties)
  const byFrac = [...raw].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)));
  for (let i = 0; left > 0; i = (i + 1) % byFrac.length, left--) byFrac[i].n++;
  // if the min-1 rule overshot (tiny totals), take back from the biggest kinds
  while (left < 0) {
    const big = [...raw].sort((a, b) => b.n - a.n)[0];
    big.n--;
    left++;
  }
  const out = {} as Record<Kind, number>;
  for (const r of raw) out[r.k] = r.n;
  return out;
}

const WORDS = [
  'atlas', 'beacon', 'cobalt', 'delta', 'ember', 'falcon', 'garnet', 'harbor', 'indigo', 'juniper',
  'kestrel', 'lumen', 'meridian', 'nimbus', 'onyx', 'pioneer', 'quartz', 'raven', 'summit', 'tundra',
  'umber', 'vertex', 'willow', 'xenon', 'yonder', 'zephyr', 'aurora', 'basalt', 'cinder', 'dune',
];
const AREAS = [
  'payments', 'identity', 'search', 'checkout', 'catalog', 'shipping', 'billing', 'analytics',
  'messaging', 'inventory', 'pricing', 'growth', 'platform', 'security', 'content', 'support',
  'logistics', 'fraud', 'recommendations', 'notifications', 'ledger', 'onboarding', 'reporting', 'media',
];
const NOUNS = [
  'gateway', 'worker', 'service', 'portal', 'engine', 'indexer', 'scheduler', 'router', 'store',
  'adapter', 'exporter', 'ingest', 'proxy', 'sync', 'console', 'dashboard', 'client', 'sdk', 'cli', 'core',
];
const FIRST = [
  'alex', 'blake', 'casey', 'dana', 'eli', 'frankie', 'gray', 'harper', 'ira', 'jordan', 'kai', 'lee',
  'morgan', 'noa', 'oakley', 'parker', 'quinn', 'riley', 'sam', 'taylor', 'uma', 'val', 'wren', 'yuki',
];
const LAST = [
  'abe', 'baker', 'chen', 'diaz', 'evans', 'fischer', 'garcia', 'haddad', 'ito', 'jensen', 'kim', 'lopez',
  'moreau', 'novak', 'okafor', 'patel', 'rossi', 'silva', 'tanaka', 'urban', 'varga', 'weber', 'young', 'zhou',
];
const TAGS = ['java', 'go', 'typescript', 'python', 'rust', 'kotlin', 'grpc', 'rest', 'kafka', 'postgres', 'redis', 'graphql'];
const LIFECYCLES = ['production', 'production', 'production', 'experimental', 'deprecated'];
const RESOURCE_TYPES = ['database', 's3-bucket', 'queue', 'cache', 'topic'];
const SENTENCES = [
  'Owned and operated around the clock with an on-call rotation.',
  'Handles peak traffic during seasonal sales events.',
  'Part of the migration from the legacy monolith.',
  'Exposes metrics to the shared observability stack.',
  'Deployed to three regions behind a global load balancer.',
  'Scheduled for a dependency upgrade next quarter.',
];

/** Allocates unique Backstage-safe names ([a-z0-9] joined by '-', <= 63 chars). */
class Names {
  used = new Set<string>();
  take(base: string): string {
    let name = base.replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 56);
    if (!name) name = 'x';
    let candidate = name;
    for (let i = 2; this.used.has(candidate); i++) candidate = `${name}-${i}`;
    this.used.add(candidate);
    return candidate;
  }
}

function openapiDefinition(title: string, rng: Rng): string {
  const res = rng.pick(NOUNS);
  return stringify({
    openapi: '3.0.3',
    info: { title, version: `${rng.int(1, 4)}.${rng.int(0, 20)}.0` },
    paths: {
      [`/${res}s`]: {
        get: {
          summary: `List ${res}s`,
          responses: { '200': { description: `A page of ${res}s` } },
        },
      },
      [`/${res}s/{id}`]: {
        get: {
          summary: `Get one ${res}`,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: `The ${res}` }, '404': { description: 'Not found' } },
        },
      },
    },
  });
}

/** Build the entity list (in repo-locality order) without touching the filesystem. */
export function buildOrgEntities(total: number, seed = 1): GeneratedEntity[] {
  const counts = kindCounts(total);
  const rng = new Rng(seed);
  const names: Record<Kind, Names> = {
    Domain: new Names(), System: new Names(), Group: new Names(), User: new Names(),
    Component: new Names(), API: new Names(), Resource: new Names(),
  };
  const ent = (kind: Kind, metadata: GeneratedEntity['metadata'], spec: Record<string, unknown>): GeneratedEntity => ({
    apiVersion: 'backstage.io/v1alpha1', kind, metadata, spec,
  });
  const desc = (head: string) => `${head} ${rng.pick(SENTENCES)}`;

  // --- Groups: a tree; group 0 is the root, later groups hang off earlier ones (depth <= 4).
  const groups: GeneratedEntity[] = [];
  const depth: number[] = [];
  const children: string[][] = [];
  for (let i = 0; i < counts.Group; i++) {
    const name = names.Group.take(i === 0 ? 'engineering' : `team-${rng.pick(AREAS)}-${rng.pick(WORDS)}`);
    let parent: number | undefined;
    if (i > 0) {
      do parent = rng.int(0, i - 1);
      while (depth[parent] >= 3);
    }
    depth.push(parent === undefined ? 0 : depth[parent] + 1);
    children.push([]);
    if (parent !== undefined) children[parent].push(name);
    const title = name.split('-').slice(1).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ') || 'Engineering';
    groups.push(ent('Group', { name, title, description: desc(`The ${title} team.`) }, {
      type: 'team',
      profile: { displayName: title, email: `${name}@example.com` },
      ...(parent !== undefined ? { parent: groups[parent].metadata.name } : {}),
      children: [] as string[],
    }));
  }
  groups.forEach((g, i) => (g.spec.children = children[i]));
  const groupNames = groups.map((g) => g.metadata.name);
  const ownerRef = (): string => `group:${rng.pick(groupNames)}`;

  // --- Users: one team each, some in two.
  const users: GeneratedEntity[] = [];
  for (let i = 0; i < counts.User; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const name = names.User.take(`${first}-${last}`);
    const display = `${first[0].toUpperCase()}${first.slice(1)} ${last[0].toUpperCase()}${last.slice(1)}`;
    users.push(ent('User', { name, description: desc(`${display}, engineer.`) }, {
      profile: { displayName: display, email: `${name}@example.com` },
      memberOf: rng.sample(groupNames, rng.chance(0.15) ? 2 : 1),
    }));
  }

  // --- Domains & systems (each system belongs to a domain).
  const domains: GeneratedEntity[] = [];
  for (let i = 0; i < counts.Domain; i++) {
    const area = AREAS[i % AREAS.length];
    const name = names.Domain.take(i < AREAS.length ? area : `${area}-${rng.pick(WORDS)}`);
    domains.push(ent('Domain', { name, title: name, description: desc(`Everything about ${area}.`) }, { owner: ownerRef() }));
  }
  const systems: GeneratedEntity[] = [];
  const systemDomain: number[] = [];
  for (let i = 0; i < counts.System; i++) {
    const d = i % domains.length;
    const name = names.System.take(`${domains[d].metadata.name}-${rng.pick(WORDS)}`);
    systemDomain.push(d);
    systems.push(ent('System', { name, description: desc(`The ${name} system.`) }, {
      owner: ownerRef(),
      domain: domains[d].metadata.name,
    }));
  }

  // --- Resources, APIs, components, each assigned to a system (round-robin + jitter).
  const sysOf = (i: number): number => (rng.chance(0.8) ? i % systems.length : rng.int(0, systems.length - 1));
  const sysOwner = (s: number): string => (rng.chance(0.7) ? (systems[s].spec.owner as string) : ownerRef());
  const commonMeta = (name: string, repo: string) => ({
    tags: rng.sample(TAGS, rng.int(1, 3)),
    annotations: {
      'github.com/project-slug': `example-org/${repo}`,
      'backstage.io/source-location': `url:https://github.com/example-org/${repo}/tree/main/${name}`,
    },
    links: [{ url: `https://grafana.example.com/d/${name}`, title: 'Dashboard' }],
  });

  const resources: GeneratedEntity[] = [];
  const resourceSys: number[] = [];
  for (let i = 0; i < counts.Resource; i++) {
    const s = sysOf(i);
    const type = rng.pick(RESOURCE_TYPES);
    const name = names.Resource.take(`${systems[s].metadata.name}-${type}`);
    resourceSys.push(s);
    resources.push(ent('Resource', { name, description: desc(`A ${type} used by ${systems[s].metadata.name}.`), ...commonMeta(name, systems[s].metadata.name) }, {
      type, owner: sysOwner(s), system: systems[s].metadata.name,
    }));
  }

  const apis: GeneratedEntity[] = [];
  const apiSys: number[] = [];
  for (let i = 0; i < counts.API; i++) {
    const s = sysOf(i);
    const name = names.API.take(`${systems[s].metadata.name}-${rng.pick(NOUNS)}-api`);
    apiSys.push(s);
    apis.push(ent('API', { name, title: name, description: desc(`HTTP API of ${systems[s].metadata.name}.`), ...commonMeta(name, systems[s].metadata.name) }, {
      type: 'openapi', lifecycle: rng.pick(LIFECYCLES), owner: sysOwner(s), system: systems[s].metadata.name,
      definition: openapiDefinition(name, rng),
    }));
  }

  const components: GeneratedEntity[] = [];
  const compSys: number[] = [];
  for (let i = 0; i < counts.Component; i++) {
    const s = sysOf(i);
    const r = rng.next();
    const type = r < 0.6 ? 'service' : r < 0.8 ? 'website' : 'library';
    const name = names.Component.take(`${systems[s].metadata.name}-${rng.pick(NOUNS)}`);
    compSys.push(s);
    components.push(ent('Component', { name, description: desc(`A ${type} in ${systems[s].metadata.name}.`), ...commonMeta(name, systems[s].metadata.name) }, {
      type, lifecycle: rng.pick(LIFECYCLES), owner: sysOwner(s), system: systems[s].metadata.name,
    }));
  }

  // Relations. Every API is provided by exactly one component (same system when possible).
  const compsBySys: number[][] = systems.map(() => []);
  compSys.forEach((s, i) => compsBySys[s].push(i));
  const provides: string[][] = components.map(() => []);
  apis.forEach((api, a) => {
    const local = compsBySys[apiSys[a]];
    const c = local.length ? rng.pick(local) : rng.int(0, components.length - 1);
    provides[c].push(api.metadata.name);
  });
  const resBySys: number[][] = systems.map(() => []);
  resourceSys.forEach((s, i) => resBySys[s].push(i));
  const apiNames = apis.map((a) => a.metadata.name);
  const compNames = components.map((c) => c.metadata.name);
  components.forEach((c, i) => {
    const spec = c.spec;
    if (provides[i].length) spec.providesApis = provides[i];
    const consumes = rng.sample(apiNames, rng.int(0, 3)).filter((a) => !provides[i].includes(a));
    if (consumes.length) spec.consumesApis = consumes;
    const deps = rng.sample(compNames, rng.int(0, 2), c.metadata.name).map((n) => `component:${n}`);
    const localRes = resBySys[compSys[i]].map((r) => resources[r].metadata.name);
    const resPool = localRes.length && rng.chance(0.8) ? localRes : resources.map((r) => r.metadata.name);
    deps.push(...rng.sample(resPool, rng.int(0, 2)).map((n) => `resource:${n}`));
    if (deps.length) spec.dependsOn = deps;
  });

  // Order for repo locality: org data first, then each domain with its systems and their parts.
  const ordered: GeneratedEntity[] = [...groups, ...users];
  const bySys = (arr: GeneratedEntity[], sysIdx: number[]) => {
    const out: GeneratedEntity[][] = systems.map(() => []);
    sysIdx.forEach((s, i) => out[s].push(arr[i]));
    return out;
  };
  const cBy = bySys(components, compSys);
  const aBy = bySys(apis, apiSys);
  const rBy = bySys(resources, resourceSys);
  domains.forEach((d, di) => {
    ordered.push(d);
    systems.forEach((s, si) => {
      if (systemDomain[si] !== di) return;
      ordered.push(s, ...cBy[si], ...aBy[si], ...rBy[si]);
    });
  });
  return ordered;
}

export function generateOrg(opts: GenerateOrgOptions): GenerateOrgResult {
  const total = opts.entities ?? 2000;
  const perRepo = opts.perRepo ?? 50;
  const dir = resolve(opts.dir);
  const list = buildOrgEntities(total, opts.seed ?? 1);
  if (opts.annotate) {
    for (const entity of list) {
      const extra = opts.annotate(entity);
      if (extra) entity.metadata.annotations = { ...entity.metadata.annotations, ...extra };
    }
  }
  const repos = Math.max(1, Math.round(total / perRepo));
  if (opts.clean !== false) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const width = String(repos).length < 3 ? 3 : String(repos).length;
  for (let r = 0; r < repos; r++) {
    // even split: repo r gets entities [floor(r*total/repos), floor((r+1)*total/repos))
    const chunk = list.slice(Math.floor((r * total) / repos), Math.floor(((r + 1) * total) / repos));
    const repoDir = join(dir, `repo-${String(r + 1).padStart(width, '0')}`);
    mkdirSync(repoDir, { recursive: true });
    const text = chunk.map((e) => stringify(e, { lineWidth: 0 })).join('---\n');
    writeFileSync(join(repoDir, 'catalog-info.yaml'), text);
    bytes += Buffer.byteLength(text);
  }
  const byKind = kindCounts(total);
  return { dir, entities: list.length, repos, byKind, bytes };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values: args } = parseArgs({ options: { dir: { type: 'string' }, entities: { type: 'string' }, seed: { type: 'string' }, 'per-repo': { type: 'string' }, help: { type: 'boolean' } } });
  if (!args.dir || args.help) {
    console.error('usage: node support/generate-org.ts --dir OUT [--entities 2000] [--seed 1] [--per-repo 50]');
    process.exit(args.help ? 0 : 2);
  }
  const res = generateOrg({
    dir: args.dir,
    entities: args.entities ? Number(args.entities) : undefined,
    seed: args.seed ? Number(args.seed) : undefined,
    perRepo: args['per-repo'] ? Number(args['per-repo']) : undefined,
  });
  console.log(JSON.stringify(res, null, 2));
}
