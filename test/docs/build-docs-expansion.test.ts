import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.ts';
import { buildDocs } from '../../src/docs/build-docs.ts';
import { entityLinker } from '../../src/catalog/entity-link.ts';
import { doublingThirtyTimes, nineByNine, snippetFanOut } from '../support/expansion-bombs.ts';
import { defaultLoadOptions, makeRepos, yaml, type FileTree } from '../support/temp-repos.ts';

const component = (name: string) => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata:
    name: ${name}
    annotations: { backstage.io/techdocs-ref: "dir:." }
  spec: { type: service, lifecycle: production, owner: user:ada }
`;

const outDirs: string[] = [];
afterEach(async () => Promise.all(outDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

async function build(repos: Record<string, FileTree>) {
  const made = await makeRepos(repos);
  const catalog = await loadCatalog(made.repos, defaultLoadOptions);
  const outDir = await mkdtemp(join(tmpdir(), 'playbill-docs-'));
  outDirs.push(outDir);
  const docs = await buildDocs(catalog.entities, made.repos, entityLinker(catalog.entities), {
    maxFileBytes: 1024 * 1024,
    base: '/',
    outDir,
    allowIframes: false,
    trustedRepos: [],
    unreferenced: false,
  });
  const html = async (path: string) => readFile(docs.pages.find((page) => page.path === path)!.htmlFile, 'utf8');
  return { docs, html };
}

describe('buildDocs and docs files that expand', () => {
  it('reports an alias bomb in mkdocs.yml at its line and still publishes the site from docs/', async () => {
    const { docs, html } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'mkdocs.yml': `# settings\nsite_name: Web\nextra:\n${doublingThirtyTimes('  ')}\n`,
        'docs/index.md': '# Welcome\n\nHealthy page.\n',
      },
    });
    expect(docs.problems).toEqual([
      expect.objectContaining({ severity: 'error', repo: 'web', file: 'mkdocs.yml', line: 2, column: 1, code: 'docs-config-invalid', message: expect.stringMatching(/^mkdocs\.yml: YAML document not loaded: with its aliases written out it expands to more than 50,000 values/) }),
    ]);
    expect(await html('docs/default/component/web/')).toContain('Healthy page.');
  });

  it('reports an alias bomb in a .pages file at its line and keeps the folder in its default order', async () => {
    const { docs } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'docs/index.md': '# Welcome\n',
        'docs/guide/.pages': `title: Guide\n${nineByNine()}\nnav: [b.md, a.md]\n`,
        'docs/guide/a.md': '# A\n',
        'docs/guide/b.md': '# B\n',
      },
    });
    expect(docs.problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'docs/guide/.pages', line: 1, column: 1, code: 'docs-nav', message: expect.stringContaining('.pages: YAML document not loaded: with its aliases written out it expands') }),
    ]);
    expect(docs.sites[0]!.nav).toMatchObject([
      { type: 'page', title: 'Welcome' },
      { type: 'section', title: 'Guide', children: [{ title: 'A' }, { title: 'B' }] },
    ]);
  });

  it('reports the nine-snippet include bomb as docs-render at the include that crossed the budget, and renders the site’s healthy pages', async () => {
    const started = performance.now();
    const { docs, html } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'docs/index.md': '# Welcome\n\nHealthy page.\n',
        'docs/bomb.md': '# Bomb\n\nBefore.\n\n--8<-- "snippets/s1.md"\n\nAfter.\n',
        'docs/other.md': '# Other\n\nAlso healthy.\n',
        ...snippetFanOut((target) => `--8<-- "snippets/${target}"`, 'snippets'),
      },
    });
    expect(performance.now() - started).toBeLessThan(15_000);
    const errors = docs.problems.filter((problem) => problem.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ repo: 'web', file: expect.stringMatching(/^snippets\/s[1-8]\.md$/), code: 'docs-render', message: expect.stringContaining('would be include number 201 of this page') }),
    ]);
    expect(errors[0]!.line).toBeGreaterThan(0);
    expect(await html('docs/default/component/web/')).toContain('Healthy page.');
    expect(await html('docs/default/component/web/other/')).toContain('Also healthy.');
    expect(await html('docs/default/component/web/bomb/')).toContain('After.');
  });
});
