import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.ts';
import { buildDocs, type DocsOptions } from '../../src/docs/build-docs.ts';
import { entityLinker } from '../../src/catalog/entity-link.ts';
import type { Repo } from '../../src/sources/repo.ts';
import { defaultLoadOptions, makeRepos, yaml, type FileTree } from '../support/temp-repos.ts';

const component = (name: string, docsRef: string | null = 'dir:.') => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata:
    name: ${name}
    description: The ${name} service
    annotations: ${docsRef ? `{ backstage.io/techdocs-ref: "${docsRef}" }` : '{}'}
  spec: { type: service, lifecycle: production, owner: user:ada }
`;

const outDirs: string[] = [];
afterEach(async () => Promise.all(outDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

/** `prepare` adds what a file tree cannot hold (named pipes, folders deeper than the path limit) before the build. */
async function build(repos: Record<string, FileTree>, overrides: Partial<DocsOptions> = {}, prepare?: (repos: Repo[]) => void) {
  const made = await makeRepos(repos);
  prepare?.(made.repos);
  const catalog = await loadCatalog(made.repos, defaultLoadOptions);
  const outDir = await mkdtemp(join(tmpdir(), 'playbill-docs-'));
  outDirs.push(outDir);
  const docs = await buildDocs(catalog.entities, made.repos, entityLinker(catalog.entities), {
    maxFileBytes: 1024 * 1024,
    base: '/portal/',
    outDir,
    allowIframes: false,
    trustedRepos: [],
    unreferenced: false,
    ...overrides,
  });
  const html = async (path: string) => readFile(docs.pages.find((page) => page.path === path)!.htmlFile, 'utf8');
  return { docs, html, repos: made.repos as Repo[] };
}

describe('buildDocs', () => {
  it('publishes a dir: docs site at Backstage’s TechDocs URL with mkdocs nav, prev/next and site name', async () => {
    const { docs } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'mkdocs.yml': 'site_name: Web handbook\nnav:\n  - Home: index.md\n  - Guide:\n    - guide/setup.md\n',
        'docs/index.md': '# Welcome\n\nStart with [setup](guide/setup.md).\n',
        'docs/guide/setup.md': '---\ntitle: Setting up\n---\n\n## Install\n',
      },
    });
    expect(docs.problems).toEqual([]);
    expect(docs.sites).toMatchObject([{ title: 'Web handbook', path: 'docs/default/component/web/', entityRef: 'component:default/web', pageCount: 2 }]);
    expect(docs.sites[0]!.nav).toEqual([
      { type: 'page', title: 'Home', path: 'docs/default/component/web/' },
      { type: 'section', title: 'Guide', children: [{ type: 'page', title: 'Setting up', path: 'docs/default/component/web/guide/setup/' }] },
    ]);
    const setup = docs.pages.find((page) => page.slug === 'guide/setup')!;
    expect(setup).toMatchObject({ title: 'Setting up', previous: { title: 'Home', path: 'docs/default/component/web/' }, file: 'docs/guide/setup.md' });
    expect(docs.docsByEntity.get('component:default/web')).toBe('docs/default/component/web/');
  });

  it('rewrites relative links, directory links and images to portal URLs under the base path', async () => {
    const { docs, html } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'docs/index.md': '# Home\n\n[Setup](guide/setup.md#install) · [Guides](guide/) · ![diagram](img/arch.svg) · [top](#home)\n',
        'docs/guide/index.md': '# Guides\n',
        'docs/guide/setup.md': '# Setup\n\n## Install\n\n[Back](../index.md)\n',
        'docs/img/arch.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      },
    });
    expect(docs.problems).toEqual([]);
    const home = await html('docs/default/component/web/');
    expect(home).toContain('href="/portal/docs/default/component/web/guide/setup/#install"');
    expect(home).toContain('href="/portal/docs/default/component/web/guide/"');
    expect(home).toContain('src="/portal/docs/default/component/web/img/arch.svg"');
    expect(docs.assets).toEqual([{ from: expect.stringMatching(/web\/docs\/img\/arch\.svg$/), to: 'docs/default/component/web/img/arch.svg' }]);
  });

  it('reports a broken link, a missing anchor and a missing image with file and line', async () => {
    const { docs } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'docs/index.md': '# Home\n\nSee [nowhere](missing.md).\n\nAnd [setup](setup.md#nope).\n\n![gone](img/gone.png)\n',
        'docs/setup.md': '# Setup\n',
      },
    });
    expect(docs.problems.map((problem) => [problem.code, problem.file, problem.line])).toEqual([
      ['broken-link', 'docs/index.md', 3],
      ['missing-asset', 'docs/index.md', 7],
      ['broken-anchor', 'docs/index.md', 5],
    ]);
    expect(docs.problems[0]!.message).toContain('missing.md');
  });

  it('never publishes files that would run in the portal’s origin: HTML, scripts, SVGs with scripts', async () => {
    const { docs } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'docs/index.md': '# Home\n\n![ok](ok.svg) [page](legacy.html) ![bad](bad.svg)\n',
        'docs/ok.svg': '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
        'docs/bad.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        'docs/legacy.html': '<script>alert(1)</script>',
        'docs/app.js': 'alert(1)',
        'docs/embedded.svg': '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="data:image/png;base64,iVBORw0KGgo="/><use href="#a"/></svg>',
        'docs/external.svg': '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://tracker.example/x.png"/></svg>',
      },
    });
    expect(docs.assets.map((asset) => asset.to)).toEqual(['docs/default/component/web/embedded.svg', 'docs/default/component/web/ok.svg']);
    expect(docs.problems.map((problem) => [problem.code, problem.file])).toEqual([
      ['unsafe-asset', 'docs/app.js'],
      ['unsafe-asset', 'docs/bad.svg'],
      ['unsafe-asset', 'docs/external.svg'],
      ['unsafe-asset', 'docs/legacy.html'],
      ['broken-link', 'docs/index.md'],
      ['missing-asset', 'docs/index.md'],
    ]);
    expect(docs.problems.find((problem) => problem.code === 'broken-link')!.message).toContain('is not published');
  });

  it('does not publish an asset that is a symlink to a file outside the repo', async () => {
    const { docs } = await build({
      web: { 'catalog-info.yaml': component('web'), 'docs/index.md': '![x](secret.png)\n', 'docs/secret.png': { symlink: '../../other/secret.png' } },
      other: { 'secret.png': 'not really a png' },
    });
    // Symlinks are not even listed (globs do not follow them), so the image is simply missing.
    expect(docs.assets).toEqual([]);
    expect(docs.problems.map((problem) => problem.code)).toEqual(['missing-asset']);
  });

  it('builds navigation from the folder tree when there is no mkdocs.yml', async () => {
    const { docs } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'docs/README.md': '# Overview\n',
        'docs/runbooks/deploy.md': '# Deploying\n',
        'docs/adr.md': '---\ntitle: Decisions\n---\n',
      },
    });
    expect(docs.sites[0]!.nav.map((item) => item.title)).toEqual(['Overview', 'Decisions', 'Runbooks']);
  });

  it('reads mkdocs.yaml and a custom docs_dir, tolerating mkdocs-only YAML tags', async () => {
    const { docs } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'mkdocs.yaml': 'site_name: Alt\ndocs_dir: documentation\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n',
        'documentation/index.md': '# Alt home\n',
      },
    });
    expect(docs.problems).toEqual([]);
    expect(docs.sites[0]).toMatchObject({ title: 'Alt', pageCount: 1 });
  });

  it('refuses url: refs, refs and docs_dir outside the repo, with problems on the descriptor', async () => {
    const { docs } = await build({
      a: { 'catalog-info.yaml': component('a', 'url:https://github.com/org/a') },
      b: { 'catalog-info.yaml': component('b', 'dir:../a') },
      c: { 'catalog-info.yaml': component('c'), 'mkdocs.yml': 'docs_dir: ../../etc\n' },
      d: { 'catalog-info.yaml': component('d'), 'docs': { symlink: '/etc' } },
    });
    expect(docs.sites).toEqual([]);
    expect(docs.problems.map((problem) => [problem.repo, problem.code])).toEqual([
      ['a', 'docs-ref-unsupported'],
      ['b', 'docs-ref-escape'],
      ['c', 'docs-config-invalid'],
      ['d', 'docs-missing'],
    ]);
  });

  it('resolves snippet includes inside the repo only', async () => {
    const { docs, html } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'mkdocs.yml': 'site_name: Web\n',
        'snippets/contacts.md': 'Call **Ada**.\n',
        'docs/index.md': '# Home\n\n--8<-- "snippets/contacts.md"\n\n--8<-- "../../../etc/passwd"\n',
      },
    });
    expect(await html('docs/default/component/web/')).toContain('<strong>Ada</strong>');
    expect(docs.problems).toMatchObject([{ code: 'docs-render', file: 'docs/index.md', line: 5 }]);
  });

  it('publishes an unreferenced docs folder only when configured', async () => {
    const repos = { lib: { 'catalog-info.yaml': component('lib', null), 'docs/index.md': '# Lib\n' } };
    expect((await build(repos)).docs.sites).toEqual([]);
    expect((await build(repos, { unreferenced: true })).docs.sites).toMatchObject([{ path: 'docs/default/component/lib/' }]);
  });

  it('reports a named pipe as a page or a .pages file without opening it, and builds the rest', async () => {
    const { docs } = await build(
      { web: { 'catalog-info.yaml': component('web'), 'docs/index.md': '# Home\n', 'docs/guide/setup.md': '# Setup\n' } },
      {},
      ([web]) => {
        execFileSync('mkfifo', [join(web!.dir, 'docs/pipe.md')]);
        execFileSync('mkfifo', [join(web!.dir, 'docs/guide/.pages')]);
      },
    );
    expect(docs.pages.map((page) => page.path)).toEqual(['docs/default/component/web/', 'docs/default/component/web/guide/setup/']);
    expect(docs.problems).toEqual([
      expect.objectContaining({ code: 'unreadable-file', file: 'docs/guide/.pages', message: 'guide/.pages is a named pipe (FIFO), not a regular file: it is never opened, and not published.' }),
      expect.objectContaining({ code: 'unreadable-file', file: 'docs/pipe.md', message: 'pipe.md is a named pipe (FIFO), not a regular file: it is never opened, and not published.' }),
    ]);
  });

  it('refuses an include that is a named pipe, saying so, without opening it', async () => {
    const { docs } = await build(
      { web: { 'catalog-info.yaml': component('web'), 'docs/index.md': '# Home\n\n--8<-- "snippets/pipe.md"\n\nAfter.\n' } },
      {},
      ([web]) => {
        execFileSync('mkdir', ['-p', join(web!.dir, 'docs/snippets')]);
        execFileSync('mkfifo', [join(web!.dir, 'docs/snippets/pipe.md')]);
      },
    );
    expect(docs.pages.map((page) => page.path)).toEqual(['docs/default/component/web/']);
    expect(docs.problems).toContainEqual(expect.objectContaining({ code: 'docs-render', file: 'docs/index.md', line: 3, message: expect.stringContaining('not a regular file') }));
  });

  it('reports a folder whose path is too long to publish, rather than dropping the pages in it', async () => {
    // Twenty 200-byte folders: past PATH_MAX, so the page cannot even be named by its full path.
    const { docs } = await build({ web: { 'catalog-info.yaml': component('web'), 'docs/index.md': '# Home\n' } }, {}, ([web]) => {
      execFileSync('bash', ['-c', 'cd docs && for i in $(seq 20); do mkdir "$1" && cd "$1"; done && echo "# Deep" > page.md', 'deep', 'd'.repeat(200)], { cwd: web!.dir });
    });
    expect(docs.pages.map((page) => page.path)).toEqual(['docs/default/component/web/']);
    const folder = Array.from({ length: 5 }, () => 'd'.repeat(200)).join('/');
    expect(docs.problems).toEqual([
      expect.objectContaining({
        code: 'docs-page-conflict',
        file: `docs/${folder}`,
        line: 0,
        message: `${folder} would be published at a path of ${'docs/default/component/web/'.length + folder.length + 1} bytes, over the 1024 bytes static hosts and file systems accept; shorten its folders or name. Nothing in it is published.`,
      }),
    ]);
  });

  it('publishes a page and refuses the asset when the asset is a file where the page is a folder', async () => {
    const { docs } = await build({
      web: {
        'catalog-info.yaml': component('web'),
        'docs/index.md': '# Home\n\n[About the picture](pic.png.md)\n',
        'docs/pic.png.md': '# About the picture\n',
        'docs/pic.png': 'not really a png',
      },
    });
    expect(docs.pages.map((page) => page.path)).toEqual(['docs/default/component/web/', 'docs/default/component/web/pic.png/']);
    expect(docs.assets).toEqual([]);
    expect(docs.problems).toEqual([
      expect.objectContaining({ code: 'docs-page-conflict', file: 'docs/pic.png', line: 0, message: expect.stringContaining('pic.png would be published at pic.png/, the folder of pic.png.md') }),
    ]);
  });
});
