import { createHash } from 'node:crypto';
import { access, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemsFileSchema, type CatalogFile, type ProblemsFile } from '../../src/catalog/index.ts';
import { buildSite, readCatalogFile } from '../support/build-site.ts';
import { makeRepos, yaml } from '../support/temp-repos.ts';

// One real build of the bundled example organisation through the CLI, shared by the assertions below.
let outDir: string;
let stdout: string;
let catalog: CatalogFile;
let problems: ProblemsFile;
const page = (path: string) => readFile(join(outDir, path, 'index.html'), 'utf8');

beforeAll(async () => {
  const result = await buildSite();
  expect(result.code, result.stderr + result.stdout).toBe(0);
  outDir = result.outDir;
  stdout = result.stdout;
  catalog = await readCatalogFile(outDir);
  problems = problemsFileSchema.parse(JSON.parse(await readFile(join(outDir, 'problems.json'), 'utf8')));
}, 300_000);
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('building the example organisation', () => {
  it('prints progress by stage with timings', () => {
    for (const stage of ['sources', 'catalog', 'problems', 'pages']) expect(stdout).toMatch(new RegExp(`\\[playbill\\] ${stage} .*\\(\\d+(ms|\\.\\d+s)\\)`));
  });

  it('runs every plugin of the example, the third-party one included, on the pipeline worker', () => {
    for (const plugin of ['api-docs', 'coverage', 'github', 'kubernetes', 'sonarqube', 'catalog-graph']) expect(stdout).toMatch(new RegExp(`\\[playbill\\] plugins +${plugin}: `));
    expect(stdout).not.toContain('running on the main thread');
  });

  it('writes catalog.json with every entity in Backstage shape plus relations and source', () => {
    expect(catalog.entities.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(catalog.entities.map((entity) => entity.kind));
    for (const kind of ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template']) expect(kinds).toContain(kind);
    const service = catalog.entities.find((entity) => entity.metadata.name === 'ticketing-service')!;
    expect(service).toMatchObject({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { namespace: 'default' }, source: { repo: 'ticketing-service', file: 'catalog-info.yaml' } });
    expect(service.relations).toContainEqual({ type: 'providesApi', targetRef: 'api:default/tickets-api' });
  });

  it('records in catalog.json the files each entity was built from, repo-relative, each with the sha256 of its bytes in the example', async () => {
    const digestOf = async (repo: string, file: string) => createHash('sha256').update(await readFile(join(import.meta.dirname, '../../content/example-org', repo, file))).digest('hex');
    for (const entity of catalog.entities) {
      const { descriptor, locations, substitutions } = entity.provenance!;
      expect(descriptor.file).toBe(entity.source.file);
      for (const { file, sha256 } of [descriptor, ...locations, ...substitutions]) expect(sha256, `${entity.source.repo}/${file}`).toBe(await digestOf(entity.source.repo, file));
    }
    const tickets = catalog.entities.find((entity) => entity.metadata.name === 'tickets-api')!;
    expect(tickets.provenance!.substitutions).toMatchObject([{ path: ['spec', 'definition'], placeholder: '$text', file: 'openapi/tickets.yaml' }]);
    expect(catalog.entities.some((entity) => entity.provenance!.locations.length > 0)).toBe(true);
  });

  it('writes problems.json with each deliberate mistake located', () => {
    const codes = problems.problems.map((problem) => problem.code);
    for (const code of ['yaml-syntax', 'invalid-entity', 'unknown-kind', 'duplicate-entity', 'dangling-relation', 'location-escape']) expect(codes).toContain(code);
    for (const problem of problems.problems) {
      expect(problem.file).not.toBe('');
      expect(problem.line).toBeGreaterThan(0);
    }
  });

  it('renders one page per entity at Backstage’s URL, with about card and relations', async () => {
    const html = await page('catalog/default/component/ticketing-service');
    expect(html).toMatch(/<h1[^>]*>Ticketing Service<\/h1>/);
    expect(html).toMatch(/<dt>Owner<\/dt><dd><a href="\/catalog\/default\/group\/ticketing-team\/"/);
    expect(html).toContain('Provided APIs');
    expect(html).toContain('href="/catalog/default/api/tickets-api/"');
  });

  it('renders group pages with parent, children, members and what the group owns', async () => {
    const html = await page('catalog/default/group/payments-team');
    for (const heading of ['Parent group', 'Child groups', 'Members', 'Owns']) expect(html).toContain(`>${heading}</h2>`);
    expect(html).toContain('href="/catalog/default/user/hannah.berg/"');
  });

  it('renders API definitions highlighted', async () => {
    const html = await page('catalog/default/api/tickets-api');
    expect(html).toMatch(/<pre class="definition-code language-yaml" tabindex="0"><code><span class="token key atrule">openapi<\/span>/);
    const graphql = await page('catalog/default/api/events-graphql');
    expect(graphql).toContain('<pre class="definition-code language-graphql"');
    expect(graphql).toContain('<span class="token keyword">type</span>');
  });

  it('renders a dangling relation as plain text, not a link', async () => {
    const html = await page('catalog/default/component/dunning-scheduler');
    expect(html).toContain('<span class="dangling" title="group:default/billing-team is not in the catalog">group:default/billing-team');
    expect(html).not.toContain('href="/catalog/default/group/billing-team/"');
  });

  it('renders untrusted descriptor strings inert', async () => {
    const html = await page('catalog/default/component/partner-embed-widget');
    // Descriptor strings render in <main>; the page's own scripts (the search button's loader) live in the header,
    // except the relations diagram's island loader, which Astro inlines before the diagram: that one is taken out.
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>')).replace(/<script>\(\(\)=>\{[^<]*\(self\.Astro\|\|\(self\.Astro=\{\}\)\)\.interaction=[^<]*<\/script>/, '');
    expect(main).toContain('<figure class="graph"');
    expect(main).not.toMatch(/<script|<iframe|<img[^>]+onerror|href="javascript:/i);
    expect(main).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('lists every entity on the catalog index without JavaScript', async () => {
    const html = await page('catalog');
    for (const entity of catalog.entities) expect(html).toContain(`/catalog/${entity.metadata.namespace}/${entity.kind.toLowerCase()}/${entity.metadata.name}/`);
  });

  it('groups the problems page by repo', async () => {
    const html = await page('problems');
    expect(html).toContain('id="repo-retired-billing"');
    expect(html).toContain('retired-billing/catalog/bad-name.yaml:10:9');
  });
});

describe('docs of the example organisation', () => {
  it('publishes each documented entity at /docs/<namespace>/<kind>/<name>/ and lists them on the docs home', async () => {
    const home = await page('docs');
    for (const path of ['docs/default/component/ticketing-service/', 'docs/default/component/payments-core/', 'docs/data/component/warehouse-models/', 'docs/default/system/developer-platform/']) {
      expect(home).toContain(`href="/${path}"`);
      expect(await page(path)).toContain('class="docs-nav"');
    }
  });

  it('links an entity page to its docs', async () => {
    expect(await page('catalog/default/component/ticketing-service')).toContain('href="/docs/default/component/ticketing-service/">Docs</a>');
  });

  it('renders the mkdocs syntax real docs use: admonitions, tabs, mermaid as SVG, snippets, highlighted code', async () => {
    const pages = await Promise.all(
      ['docs/default/component/ticketing-service', 'docs/default/component/payments-core', 'docs/data/component/warehouse-models', 'docs/default/system/developer-platform'].map(async (site) => {
        const { readdir } = await import('node:fs/promises');
        const files = (await readdir(join(outDir, site), { recursive: true })).filter((file) => file.endsWith('index.html'));
        return Promise.all(files.map((file) => readFile(join(outDir, site, file), 'utf8')));
      }),
    );
    const all = pages.flat().join('\n');
    expect(all).toContain('class="admonition');
    expect(all).toMatch(/<figure class="mermaid[^"]*"[^>]*>[\s\S]*?<svg/);
    expect(all).toContain('class="token ');
    expect(all).not.toMatch(/^!!! |^=== "|--8<--|\{% include/m);
  });

  it('renders the hostile docs page inert', async () => {
    const html = await page('docs/default/component/web-storefront/partner-embed');
    const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    expect(main).not.toMatch(/<script|<iframe|\son[a-z]+=|href="javascript:|style="/i);
  });

  it('reports every deliberate docs mistake with its file and line', () => {
    const docsProblems = problems.problems.filter((problem) => problem.code.startsWith('docs-') || ['broken-link', 'broken-anchor', 'missing-asset'].includes(problem.code));
    const located = docsProblems.map((problem) => `${problem.repo}/${problem.file}:${problem.line} ${problem.code}`);
    expect(located).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ticketing-service\/docs\/runbooks\/stuck-holds\.md:57 broken-link$/),
        expect.stringMatching(/^payments\/docs\/integrating\.md:93 broken-anchor$/),
        expect.stringMatching(/^events-catalog\/documentation\/search\/indexing\.md:22 missing-asset$/),
        expect.stringMatching(/^payments\/docs\/runbooks\/acquirer-outage\.md:58 docs-render$/),
        expect.stringMatching(/^data-platform\/docs\/freshness\.md:[78] docs-render$/),
        expect.stringMatching(/^ticketing-service\/catalog-info\.yaml:\d+ docs-ref-unsupported$/),
        expect.stringMatching(/^web-storefront\/catalog-info\.yaml:\d+ docs-ref-escape$/),
        expect.stringMatching(/^ticketing-service\/mkdocs\.yml:29 docs-nav$/),
      ]),
    );
  });

  it('copies images next to the pages that use them', async () => {
    const { stat } = await import('node:fs/promises');
    expect((await stat(join(outDir, 'docs/default/component/ticketing-service/images/order-flow.svg'))).isFile()).toBe(true);
  });
});

describe('API docs of the example organisation', () => {
  const apis = ['tickets-api', 'payments-api', 'ticket-events', 'payment-events', 'events-graphql', 'seat-inventory', 'invoices-api'];

  it('builds an "API reference" tab for every API, linked from its overview card', async () => {
    for (const name of apis) {
      const overview = await page(`catalog/default/api/${name}`);
      expect(overview).toContain(`href="/catalog/default/api/${name}/api/"`);
      expect(await page(`catalog/default/api/${name}/api`)).toContain('<h2 id="panel-api-docs-page" class="visually-hidden">API reference</h2>');
    }
    expect(await page('catalog/default/api/tickets-api')).toContain('>Browse the API reference</a>');
  });

  it('renders each definition type: operations by tag, channels, GraphQL roots, gRPC methods', async () => {
    const tickets = await page('catalog/default/api/tickets-api/api');
    expect(tickets.match(/<details class="panel-section"/g)).toHaveLength(6);
    expect(tickets).toMatch(/<summary><span class="badge tone-ok">POST<\/span> <span class="section-title">\/orders — Hold seats and create a pending order<\/span><\/summary>/);
    // Money comes from openapi/schemas/common.yaml, a $ref to another file of the repo.
    expect(tickets).toContain('Minor units (pence, cents).');
    expect(await page('catalog/default/api/ticket-events/api')).toContain('>subscribe</span>');
    expect(await page('catalog/default/api/payment-events/api')).toContain('>send</span>');
    expect(await page('catalog/default/api/events-graphql/api')).toContain('Queries (4)');
    expect(await page('catalog/default/api/seat-inventory/api')).toContain('>server streaming</span>');
  });

  it('reports the deliberately invalid definition with its line, and keeps showing the definition as written', async () => {
    const invalid = problems.problems.filter((problem) => problem.code === 'plugin-failed' && problem.entityRef === 'api:default/invoices-api');
    expect(invalid).toEqual([expect.objectContaining({ severity: 'warning', repo: 'retired-billing', file: 'catalog/invoices-api.yaml' })]);
    expect(invalid[0]!.message).toContain("At line 22, column 11 of openapi/invoices.yaml (the definition's $text file).");
    const overview = await page('catalog/default/api/invoices-api');
    expect(overview).toContain('<strong>Data unavailable.</strong>');
    expect(overview).toMatch(/<pre class="definition-code language-yaml" tabindex="0"><code><span class="token comment"># INTENTIONALLY BROKEN/);
    expect(problems.problems.filter((problem) => problem.plugin === 'api-docs')).toHaveLength(1);
  });
});

describe('search index of the example organisation', () => {
  const filters = (html: string) => [...html.matchAll(/<span data-pagefind-filter="([^"]*)">([^<]*)<\/span>/g)].map((match) => `${match[1]}:${match[2]}`);
  const meta = (html: string) => [...html.matchAll(/<span data-pagefind-meta="([^"]*)">([^<]*)<\/span>/g)].map((match) => `${match[1]}:${match[2]}`);

  it('indexes every entity page and docs page with pagefind and writes the bundle', async () => {
    const { readdir, stat } = await import('node:fs/promises');
    const docsPages = (await readdir(join(outDir, 'docs'), { recursive: true })).filter((file) => file.endsWith('index.html')).length - 1; // minus /docs/ itself
    const indexed = /\[playbill\] search +(\d+) pages indexed, [\d.]+ [kM]B in pagefind\/ \(\d+(ms|\.\d+s)\)/.exec(stdout);
    expect(indexed, stdout).not.toBeNull();
    expect(Number(indexed![1])).toBe(catalog.entities.length + docsPages);
    expect((await stat(join(outDir, 'pagefind/pagefind.js'))).isFile()).toBe(true);
    expect((await readdir(join(outDir, 'pagefind/fragment'))).length).toBe(catalog.entities.length + docsPages);
  });

  it('indexes the main content of entity and docs pages only, without their navigation', async () => {
    const entity = await page('catalog/default/component/ticketing-service');
    expect(entity).toContain('<main id="main" tabindex="-1" data-pagefind-body>');
    expect(entity).toContain('<nav class="breadcrumbs" aria-label="Breadcrumbs" data-pagefind-ignore>');
    expect(entity).toContain('<h1 data-pagefind-weight="10">Ticketing Service</h1>');
    const docs = await page('docs/default/component/ticketing-service/runbooks/stuck-holds');
    expect(docs).toContain('data-pagefind-body');
    expect(docs).toMatch(/<nav class="docs-nav"[^>]* data-pagefind-ignore>/);
    expect(docs).toMatch(/<nav class="docs-toc"[^>]* data-pagefind-ignore>/);
    for (const path of ['', 'catalog', 'problems', 'docs', 'search']) expect(await page(path)).not.toContain('data-pagefind-body');
  });

  it('gives an entity page its kind, owner, lifecycle, tags, type, system and namespace as filters', async () => {
    const html = await page('catalog/default/component/ticketing-service');
    expect(filters(html)).toEqual([
      'kind:Component',
      'owner:ticketing-team',
      'lifecycle:production',
      'tag:kotlin',
      'tag:spring-boot',
      'tag:postgres',
      'type:service',
      'system:ticket-sales',
      'namespace:default',
      // Plugins' filters, by name (the plugin stage sorts them so output is deterministic).
      'ci:passing',
      'coverage:≥ 80%',
      'k8s-status:healthy',
    ]);
    expect(meta(html)).toEqual(expect.arrayContaining(['title:Ticketing Service', 'kind:Component', 'owner:Ticketing']));
  });

  it('gives a docs page kind Docs and its entity’s filters', async () => {
    const html = await page('docs/default/component/ticketing-service/runbooks/stuck-holds');
    expect(filters(html)).toEqual(expect.arrayContaining(['kind:Docs', 'owner:ticketing-team', 'system:ticket-sales', 'tag:kotlin']));
    expect(meta(html)).toEqual(expect.arrayContaining(['title:Stuck seat holds', 'kind:Docs', 'entity:Ticketing Service']));
  });

  it('stores untrusted descriptor strings for search as escaped text', async () => {
    const html = await page('catalog/default/component/partner-embed-widget');
    expect(meta(html).find((value) => value.startsWith('title:'))).toBe('title:Partner embed &lt;img src=x onerror=&quot;alert(&#39;title&#39;)&quot;&gt;');
  });
});

describe('build options', () => {
  const broken = {
    app: {
      'catalog-info.yaml': yaml`
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: Not Valid
        spec: { type: service, lifecycle: production, owner: nobody }
      `,
    },
    lib: {
      'catalog-info.yaml': yaml`
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: lib
        spec: { type: library, lifecycle: production, owner: user:nobody }
      `,
    },
  };

  it('builds any folder of repos under a base path, and is byte-identical when rebuilt', async () => {
    const { root } = await makeRepos(broken);
    const first = await buildSite(['--repos', root, '--base', '/portal/']);
    const second = await buildSite(['--repos', root, '--base', '/portal/']);
    try {
      expect(first.code, first.stderr).toBe(0);
      const html = await readFile(join(first.outDir, 'catalog/default/component/lib/index.html'), 'utf8');
      expect(html).toContain('href="/portal/catalog/"');
      for (const file of ['catalog.json', 'problems.json', 'catalog/index.html', 'problems/index.html']) {
        expect(await readFile(join(first.outDir, file), 'utf8')).toBe(await readFile(join(second.outDir, file), 'utf8'));
      }
    } finally {
      await rm(first.outDir, { recursive: true, force: true });
      await rm(second.outDir, { recursive: true, force: true });
    }
  });

  it('builds without a search index, search button or search page with --no-search', async () => {
    const { root } = await makeRepos(broken);
    const result = await buildSite(['--repos', root, '--no-search']);
    try {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('search   no index (search: false)');
      await expect(access(join(result.outDir, 'pagefind'))).rejects.toThrow(/ENOENT/);
      await expect(access(join(result.outDir, 'search/index.html'))).rejects.toThrow(/ENOENT/);
      const html = await readFile(join(result.outDir, 'catalog/default/component/lib/index.html'), 'utf8');
      expect(html).toContain('<h1');
      expect(html).not.toContain('data-search-open');
      expect(html).not.toContain('SearchDialog');
    } finally {
      await rm(result.outDir, { recursive: true, force: true });
    }
  });

  it('fails the build in strict mode and names the problem', async () => {
    const { root } = await makeRepos(broken);
    const result = await buildSite(['--repos', root, '--strict']);
    await rm(result.outDir, { recursive: true, force: true });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('app/catalog-info.yaml:4:9');
    expect(result.stdout + result.stderr).toMatch(/Strict mode: 1 problem/);
  });
});
