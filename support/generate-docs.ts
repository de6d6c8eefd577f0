/**
 * Deterministic generator for synthetic TechDocs content (the docs benchmark's input).
 *
 * Writes `sites` immediate subfolders of `dir` (one "repo" per docs site of ~50 pages), each
 * holding
 *   catalog-info.yaml   one Component with `backstage.io/techdocs-ref: dir:.`
 *                       (the first repo also holds the Group that owns every component,
 *                       so no reference dangles)
 *   mkdocs.yml          site_name + a nav listing every page, in nested sections
 *   docs/**.md          the pages: front matter title/description, h2/h3 headings,
 *                       paragraphs, lists, a GFM table, fenced yaml/bash/ts code, relative
 *                       links to sibling pages (`../guides/x.md#anchor`) and in-page
 *                       `#anchors` that exist, an occasional mkdocs `!!! note` admonition
 *
 * Same `{ pages, seed, perSite }` always yields byte-identical output (seeded mulberry32 PRNG,
 * no Math.random, no clock). `generateDocs` returns the page list so the baselines render
 * exactly the same markdown.
 *
 * Headings use only ASCII letters, digits and spaces and are unique within a page, so the
 * MkDocs (Python-Markdown toc), github-slugger (Astro, Starlight) and similar slug algorithms
 * all agree: lower-case, spaces -> '-'.
 *
 * CLI:
 *   node support/generate-docs.ts --dir /tmp/docs --pages 5000 [--seed 1] [--per-site 50]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { Rng } from './seeded-random.ts';

export interface GenerateDocsOptions {
  /** Total number of markdown pages (>= 1). Default 5000. */
  pages?: number;
  /** Output directory; sites are written as its immediate subfolders. */
  dir: string;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** Target pages per site (= per repo). Default 50. */
  perSite?: number;
  /** Remove `dir` before writing. Default true. */
  clean?: boolean;
}

export interface DocHeading {
  depth: 2 | 3;
  text: string;
  slug: string;
}

export interface DocPage {
  /** Repo folder name (immediate subfolder of the generated dir). */
  repo: string;
  /** metadata.name of the repo's Component (namespace default). */
  component: string;
  /** Path under the repo's `docs/`, posix, e.g. `guides/deploying/rollbacks.md`. */
  path: string;
  title: string;
  description: string;
  headings: DocHeading[];
  /** The full file content (front matter + body). */
  markdown: string;
}

export type NavItem = { title: string; path: string } | { title: string; children: NavItem[] };

export interface DocSite {
  repo: string;
  component: string;
  siteName: string;
  pages: DocPage[];
  nav: NavItem[];
}

export interface GenerateDocsResult {
  dir: string;
  pages: number;
  sites: number;
  /** Bytes of markdown written (pages only). */
  bytes: number;
  /** Every page, in site order then nav order: what the baselines render. */
  list: DocPage[];
  siteList: DocSite[];
}

/** The Group that owns every generated component (defined in the first repo). */
export const DOCS_OWNER = 'docs-writers';


/** The slug all common markdown toolchains agree on for our ASCII-only headings. */
export function slugify(text: string): string {
  return text.toLowerCase().trim().replace(/\s+/g, '-');
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
const toFileName = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const WORDS = [
  'atlas', 'beacon', 'cobalt', 'delta', 'ember', 'falcon', 'garnet', 'harbor', 'indigo', 'juniper',
  'kestrel', 'lumen', 'meridian', 'nimbus', 'onyx', 'pioneer', 'quartz', 'raven', 'summit', 'tundra',
];
const AREAS = [
  'payments', 'identity', 'search', 'checkout', 'catalog', 'shipping', 'billing', 'analytics',
  'messaging', 'inventory', 'pricing', 'growth', 'platform', 'security', 'content', 'support',
];
const NOUNS = ['gateway', 'worker', 'service', 'portal', 'engine', 'indexer', 'scheduler', 'router', 'store', 'proxy'];
const SECTIONS = [
  'Getting started', 'Guides', 'Reference', 'Operations', 'Architecture', 'Tutorials', 'Runbooks',
  'Integrations', 'Development', 'Security', 'Releases', 'Troubleshooting',
];
const SUBSECTIONS = ['Advanced', 'Deployment', 'Configuration', 'Monitoring', 'Migrations', 'Recipes', 'Internals', 'Clients'];
const TOPIC_HEADS = [
  'Installing', 'Configuring', 'Deploying', 'Scaling', 'Monitoring', 'Debugging', 'Testing', 'Upgrading',
  'Securing', 'Migrating', 'Backing up', 'Rolling back', 'Tuning', 'Observing', 'Extending', 'Operating',
];
const TOPIC_TAILS = [
  'the service', 'the worker pool', 'the database', 'the cache', 'rate limits', 'retries', 'feature flags',
  'webhooks', 'the queue consumers', 'access tokens', 'the schema', 'alerts', 'dashboards', 'batch jobs',
  'the CLI', 'the client library', 'regional failover', 'secrets', 'audit logs', 'service accounts',
];
const HEADINGS = [
  'Overview', 'Prerequisites', 'How it works', 'Configuration options', 'Step by step', 'Verifying the result',
  'Common errors', 'Limits', 'Defaults', 'Environment variables', 'Permissions', 'Rollout plan', 'Metrics',
  'Known issues', 'Examples', 'Request flow', 'Data model', 'Failure modes', 'Local development',
  'Production checklist', 'Cleaning up', 'Next steps', 'Background', 'Design decisions', 'Timeouts',
];
const SUBHEADINGS = [
  'Using the CLI', 'Using the API', 'On Kubernetes', 'In CI', 'With Docker', 'Manual steps', 'Automatic mode',
  'Staging', 'Production', 'Version 2', 'Version 3', 'Edge cases', 'Batch mode', 'Read replicas', 'Single region',
];
const ENV = ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'CACHE_TTL', 'MAX_RETRIES', 'REGION', 'TOKEN_TTL', 'BATCH_SIZE', 'WORKERS'];

export function buildDocsSites(total: number, seed = 1, perSite = 50): DocSite[] {
  if (!Number.isInteger(total) || total < 1) throw new Error(`pages must be an integer >= 1, got ${total}`);
  if (!Number.isInteger(perSite) || perSite < 1) throw new Error(`perSite must be an integer >= 1, got ${perSite}`);
  const rng = new Rng(seed);
  const siteCount = Math.max(1, Math.round(total / perSite));
  const width = Math.max(3, String(siteCount).length);
  const usedComponents = new Set<string>();
  const sites: DocSite[] = [];
  for (let s = 0; s < siteCount; s++) {
    const n = Math.floor(((s + 1) * total) / siteCount) - Math.floor((s * total) / siteCount);
    const repo = `repo-${String(s + 1).padStart(width, '0')}`;
    let component = `${rng.pick(AREAS)}-${rng.pick(WORDS)}-${rng.pick(NOUNS)}`;
    for (let i = 2; usedComponents.has(component); i++) component = `${component.replace(/-\d+$/, '')}-${i}`;
    usedComponents.add(component);
    sites.push(buildSite(rng, repo, component, n));
  }
  return sites;
}

interface Outline {
  path: string;
  title: string;
  targetBytes: number;
  /** h2 headings, each with its h3 children */
  sections: { text: string; subs: string[] }[];
}

function buildSite(rng: Rng, repo: string, component: string, n: number): DocSite {
  const siteName = component.split('-').map(cap).join(' ');
  // --- 1. structure: index.md + top-level sections (directories), some with a nested subsection
  const outlines: Outline[] = [];
  const usedTitles = new Set<string>();
  const newTitle = (): string => {
    for (let tries = 0; ; tries++) {
      const t = `${rng.pick(TOPIC_HEADS)} ${rng.pick(TOPIC_TAILS)}${tries > 20 ? ` ${tries}` : ''}`;
      if (!usedTitles.has(t)) {
        usedTitles.add(t);
        return t;
      }
    }
  };
  const nav: NavItem[] = [];
  const addPage = (dir: string, title: string): { title: string; path: string } => {
    const path = dir ? `${dir}/${toFileName(title)}.md` : `${toFileName(title)}.md`;
    outlines.push({ path, title, targetBytes: 0, sections: [] });
    return { title, path };
  };
  outlines.push({ path: 'index.md', title: siteName, targetBytes: 0, sections: [] });
  nav.push({ title: 'Overview', path: 'index.md' });
  const rest = n - 1;
  if (rest > 0) {
    const k = Math.max(1, Math.min(6, Math.round(rest / 12)));
    const names = rng.shuffle(SECTIONS).slice(0, k);
    // split `rest` over k sections with some jitter, each >= 1
    const weights = names.map(() => 0.6 + rng.next());
    const sum = weights.reduce((a, b) => a + b, 0);
    const sizes = weights.map((w) => Math.max(1, Math.floor((w / sum) * rest)));
    for (let left = rest - sizes.reduce((a, b) => a + b, 0), i = 0; left !== 0; i = (i + 1) % k) {
      if (left > 0) {
        sizes[i]++;
        left--;
      } else if (sizes[i] > 1) {
        sizes[i]--;
        left++;
      }
    }
    names.forEach((name, i) => {
      const dir = toFileName(name);
      let m = sizes[i];
      const children: NavItem[] = [];
      const subCount = m >= 8 ? Math.min(rng.int(3, Math.floor(m / 2)), m - 1) : 0;
      m -= subCount;
      for (let j = 0; j < m; j++) children.push(addPage(dir, newTitle()));
      if (subCount) {
        const sub = rng.pick(SUBSECTIONS);
        const subDir = `${dir}/${toFileName(sub)}`;
        const subChildren: NavItem[] = [];
        for (let j = 0; j < subCount; j++) subChildren.push(addPage(subDir, newTitle()));
        // the subsection goes in the middle of its parent section, like hand-written navs do
        children.splice(rng.int(1, children.length), 0, { title: sub, children: subChildren });
      }
      nav.push({ title: name, children });
    });
  }

  // --- 2. outlines: size target and headings of every page (needed for cross-page anchors)
  for (const o of outlines) {
    o.targetBytes = rng.int(2700, 6600);
    const h2count = Math.max(2, Math.min(6, Math.round(o.targetBytes / 1400)));
    const h2s = rng.shuffle(HEADINGS).slice(0, h2count);
    const subsPool = rng.shuffle(SUBHEADINGS);
    o.sections = h2s.map((text) => ({ text, subs: rng.chance(0.55) ? subsPool.splice(0, rng.int(1, 2)) : [] }));
  }

  // --- 3. bodies
  const pages = outlines.map((o, i) => renderPage(rng, o, outlines, i, { repo, component, siteName }));
  return { repo, component, siteName, pages, nav };
}

function headingsOf(o: Outline): DocHeading[] {
  const out: DocHeading[] = [];
  for (const s of o.sections) {
    out.push({ depth: 2, text: s.text, slug: slugify(s.text) });
    for (const sub of s.subs) out.push({ depth: 3, text: sub, slug: slugify(sub) });
  }
  return out;
}

function relLink(from: string, to: string): string {
  // `sibling.md`, `../guides/x.md`, `sub/x.md`
  return posix.relative(posix.dirname(from), to);
}

function renderPage(
  rng: Rng,
  o: Outline,
  all: Outline[],
  self: number,
  site: { repo: string; component: string; siteName: string },
): DocPage {
  const headings = headingsOf(o);
  const svc = site.component;
  const others = all.filter((_, i) => i !== self);

  const link = (): string => {
    // a sibling page (same site), sometimes with one of its anchors; or an in-page anchor
    if (others.length && rng.chance(0.75)) {
      const t = rng.pick(others);
      const th = headingsOf(t);
      const anchor = rng.chance(0.5) && th.length ? rng.pick(th) : null;
      const label = anchor ? `${t.title}: ${anchor.text}` : t.title;
      return `[${label.toLowerCase()}](${relLink(o.path, t.path)}${anchor ? `#${anchor.slug}` : ''})`;
    }
    const h = rng.pick(headings);
    return `[${h.text.toLowerCase()}](#${h.slug})`;
  };
  const code = () => `\`${rng.pick(ENV)}\``;
  const sentence = (): string => {
    const n = rng.int(2, 30);
    const templates = [
      () => `The ${svc} ${rng.pick(NOUNS)} retries failed requests up to ${n} times before it gives up.`,
      () => `Set ${code()} to change this; the default is fine for most teams.`,
      () => `Requests from the ${rng.pick(AREAS)} team are routed through the ${rng.pick(WORDS)} cluster first.`,
      () => `See ${link()} for the details.`,
      () => `This step is **required** in production and _optional_ in staging.`,
      () => `Each ${rng.pick(NOUNS)} keeps at most ${n * 100} items in memory and flushes them every ${n} seconds.`,
      () => `If the health check fails ${n} times in a row, the pod is restarted and an alert is sent to the on-call engineer.`,
      () => `Migrations run in a single transaction, so a failure leaves the schema unchanged.`,
      () => `We chose this design over a shared ${rng.pick(NOUNS)} because it keeps the blast radius of an incident small.`,
      () => `Latency at the 99th percentile stays under ${n * 10} ms at the current load.`,
      () => `Use \`${svc} ${rng.pick(['status', 'deploy', 'logs', 'rollback', 'migrate'])}\` to check this from your terminal.`,
      () => `Before you continue, read ${link()}.`,
      () => `The ${rng.pick(AREAS)} events are published to the \`${rng.pick(WORDS)}.${rng.pick(NOUNS)}\` topic and kept for ${n} days.`,
      () => `Access is granted per team; ask in the #${rng.pick(AREAS)}-help channel if you need it.`,
    ];
    return rng.pick(templates)();
  };
  const paragraph = () => Array.from({ length: rng.int(2, 5) }, sentence).join(' ');
  const list = (): string => {
    const ordered = rng.chance(0.35);
    return Array.from({ length: rng.int(3, 6) }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${sentence()}`).join('\n');
  };
  const table = (): string => {
    const rows = Array.from({ length: rng.int(3, 6) }, () => {
      const v = rng.pick(ENV);
      return `| \`${v}\` | \`${rng.int(1, 500)}\` | ${sentence().replace(/\|/g, '\\|')} |`;
    });
    return ['| Setting | Default | Description |', '| --- | --- | --- |', ...rows].join('\n');
  };
  const codeBlock = (): string => {
    const lang = rng.pick(['yaml', 'bash', 'ts'] as const);
    const n = rng.int(1, 9);
    if (lang === 'yaml') {
      return [
        '```yaml',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: ${svc}`,
        `  namespace: ${rng.pick(AREAS)}`,
        'spec:',
        `  replicas: ${n}`,
        '  template:',
        '    spec:',
        '      containers:',
        `        - name: ${rng.pick(NOUNS)}`,
        `          image: registry.example.com/${svc}:1.${n}.0`,
        '          env:',
        `            - name: ${rng.pick(ENV)}`,
        `              value: "${rng.int(1, 100)}"`,
        '```',
      ].join('\n');
    }
    if (lang === 'bash') {
      return [
        '```bash',
        `# ${rng.pick(TOPIC_HEADS).toLowerCase()} ${svc}`,
        `export ${rng.pick(ENV)}=${rng.int(1, 100)}`,
        `kubectl -n ${rng.pick(AREAS)} rollout status deploy/${svc} --timeout=${n * 30}s`,
        `curl -fsS https://${svc}.example.com/healthz | jq '.status'`,
        `${svc} ${rng.pick(['deploy', 'migrate', 'rollback'])} --env ${rng.pick(['staging', 'production'])} --wait`,
        '```',
      ].join('\n');
    }
    const fn = `${rng.pick(['fetch', 'list', 'create', 'update'])}${cap(rng.pick(NOUNS))}`;
    return [
      '```ts',
      `import { createClient } from '@example/${svc}';`,
      '',
      `const client = createClient({ baseUrl: 'https://${svc}.example.com', retries: ${n} });`,
      '',
      `export async function ${fn}(id: string): Promise<Record<string, unknown>> {`,
      `  const res = await client.get(\`/v${rng.int(1, 3)}/${rng.pick(NOUNS)}s/\${id}\`);`,
      '  if (!res.ok) throw new Error(`request failed: ${res.status}`);',
      '  return res.json();',
      '}',
      '```',
    ].join('\n');
  };
  const admonition = () =>
    `!!! note "${rng.pick(['Heads up', 'Tip', 'Good to know'])}"\n    ${sentence()}\n    ${sentence()}`;

  // plan the special blocks: one table, 1-3 code blocks, an occasional admonition, spread over sections
  const nSec = o.sections.length;
  const tableAt = rng.int(0, nSec - 1);
  const codeAt = new Set(Array.from({ length: rng.int(1, 3) }, () => rng.int(0, nSec - 1)));
  const noteAt = rng.chance(0.2) ? rng.int(0, nSec - 1) : -1;
  const description = sentence().replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_"]/g, '');

  const out: string[] = ['---', `title: ${JSON.stringify(o.title)}`, `description: ${JSON.stringify(description)}`, '---', ''];
  out.push(paragraph(), '');
  const perSection = Math.max(300, (o.targetBytes - 400) / nSec);
  o.sections.forEach((s, i) => {
    const start = out.join('\n').length;
    const size = () => out.join('\n').length - start;
    out.push(`## ${s.text}`, '', paragraph(), '');
    if (i === noteAt) out.push(admonition(), '');
    if (i === tableAt) out.push(table(), '');
    if (codeAt.has(i)) out.push(codeBlock(), '');
    for (const sub of s.subs) {
      out.push(`### ${sub}`, '', paragraph(), '');
      if (rng.chance(0.5)) out.push(list(), '');
    }
    while (size() < perSection) out.push(rng.chance(0.3) ? list() : paragraph(), '');
  });
  const markdown = out.join('\n');
  return {
    repo: site.repo,
    component: site.component,
    path: o.path,
    title: o.title,
    description,
    headings,
    markdown,
  };
}

function navToYaml(items: NavItem[]): unknown[] {
  return items.map((it) => ({ [it.title]: 'path' in it ? it.path : navToYaml(it.children) }));
}

export function mkdocsYaml(site: DocSite): string {
  return stringify({ site_name: site.siteName, nav: navToYaml(site.nav), plugins: ['techdocs-core'] }, { lineWidth: 0 });
}

export function catalogInfoYaml(site: DocSite, first: boolean): string {
  const component = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: site.component,
      title: site.siteName,
      description: `Documentation of ${site.siteName}.`,
      annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: `group:${DOCS_OWNER}` },
  };
  const docs: object[] = [component];
  if (first) {
    docs.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: DOCS_OWNER, title: 'Docs writers', description: 'Owns every generated docs site.' },
      spec: { type: 'team', children: [] },
    });
  }
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

export function generateDocs(opts: GenerateDocsOptions): GenerateDocsResult {
  const total = opts.pages ?? 5000;
  const dir = resolve(opts.dir);
  const sites = buildDocsSites(total, opts.seed ?? 1, opts.perSite ?? 50);
  if (opts.clean !== false) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  const list: DocPage[] = [];
  sites.forEach((site, i) => {
    const repoDir = join(dir, site.repo);
    mkdirSync(join(repoDir, 'docs'), { recursive: true });
    writeFileSync(join(repoDir, 'catalog-info.yaml'), catalogInfoYaml(site, i === 0));
    writeFileSync(join(repoDir, 'mkdocs.yml'), mkdocsYaml(site));
    for (const page of site.pages) {
      const file = join(repoDir, 'docs', page.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, page.markdown);
      bytes += Buffer.byteLength(page.markdown);
      list.push(page);
    }
  });
  return { dir, pages: list.length, sites: sites.length, bytes, list, siteList: sites };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values: args } = parseArgs({ options: { dir: { type: 'string' }, pages: { type: 'string' }, seed: { type: 'string' }, 'per-site': { type: 'string' }, help: { type: 'boolean' } } });
  if (!args.dir || args.help) {
    console.error('usage: node support/generate-docs.ts --dir OUT [--pages 5000] [--seed 1] [--per-site 50]');
    process.exit(args.help ? 0 : 2);
  }
  const res = generateDocs({
    dir: args.dir,
    pages: args.pages ? Number(args.pages) : undefined,
    seed: args.seed ? Number(args.seed) : undefined,
    perSite: args['per-site'] ? Number(args['per-site']) : undefined,
  });
  console.log(JSON.stringify({ dir: res.dir, pages: res.pages, sites: res.sites, bytes: res.bytes }, null, 2));
}
