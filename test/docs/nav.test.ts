import { describe, expect, it } from 'vitest';
import { parseYamlDocuments } from '../../src/catalog/yaml-documents.ts';
import { buildTreeNav, flattenNav, humanise, loadMkdocsNav } from '../../src/docs/nav.ts';
import { yaml } from '../support/temp-repos.ts';

const pages = (...paths: string[]) => new Map(paths.map((path) => [path, { title: `T:${path}` }]));

describe('loadMkdocsNav', () => {
  it('reads every mkdocs nav form: plain paths, titled pages, external links and nested sections', () => {
    const config = parseYamlDocuments(yaml`
      nav:
        - index.md
        - Setup: guide/setup.md
        - Status page: https://status.example.com
        - Guides:
            - guide/index.md
            - Deep dive:
                - Internals: guide/internals.md
    `).documents[0]!;
    const { items, issues } = loadMkdocsNav((config.value as { nav: unknown }).nav, {
      pages: pages('index.md', 'guide/setup.md', 'guide/index.md', 'guide/internals.md'),
      configFile: 'mkdocs.yml',
      document: config,
    });
    expect(issues).toEqual([]);
    expect(items).toEqual([
      { type: 'page', title: 'T:index.md', page: 'index.md' },
      { type: 'page', title: 'Setup', page: 'guide/setup.md' },
      { type: 'link', title: 'Status page', url: 'https://status.example.com' },
      {
        type: 'section',
        title: 'Guides',
        children: [
          { type: 'page', title: 'T:guide/index.md', page: 'guide/index.md' },
          { type: 'section', title: 'Deep dive', children: [{ type: 'page', title: 'Internals', page: 'guide/internals.md' }] },
        ],
      },
    ]);
    expect(flattenNav(items).map((item) => item.page)).toEqual(['index.md', 'guide/setup.md', 'guide/index.md', 'guide/internals.md']);
  });

  it('reports a nav entry naming a missing page at its line and leaves it out', () => {
    const config = parseYamlDocuments('site_name: x\nnav:\n  - Home: index.md\n  - Gone: gone.md\n').documents[0]!;
    const { items, issues } = loadMkdocsNav((config.value as { nav: unknown }).nav, { pages: pages('index.md'), configFile: 'mkdocs.yml', document: config });
    expect(items).toHaveLength(1);
    expect(issues).toEqual([{ file: 'mkdocs.yml', line: 4, column: 11, message: 'nav entry "gone.md" names a page that does not exist in the docs folder.' }]);
  });
});

describe('buildTreeNav (no nav in mkdocs.yml)', () => {
  it('puts index first, then pages and folders by name, titled from the pages', () => {
    const { items } = buildTreeNav(pages('index.md', 'b.md', 'a.md', 'guides/index.md', 'guides/z.md', 'api/ref.md'), new Map());
    expect(items.map((item) => item.title)).toEqual(['T:index.md', 'T:a.md', 'T:b.md', 'Api', 'Guides']);
    expect(items[4]).toEqual({
      type: 'section',
      title: 'Guides',
      children: [
        { type: 'page', title: 'T:guides/index.md', page: 'guides/index.md' },
        { type: 'page', title: 'T:guides/z.md', page: 'guides/z.md' },
      ],
    });
  });

  it('orders a folder by its .pages file, titling sections and filling in "..."', () => {
    const pagesFiles = new Map([['', { file: 'docs/.pages', text: 'nav:\n  - Home: index.md\n  - tutorials\n  - How-Tos: how-tos\n  - ...\n' }]]);
    const { items, issues } = buildTreeNav(pages('index.md', 'zeta.md', 'tutorials/one.md', 'how-tos/two.md', 'explanations/three.md'), pagesFiles);
    expect(issues).toEqual([]);
    expect(items.map((item) => `${item.type}:${item.title}`)).toEqual(['page:Home', 'section:Tutorials', 'section:How-Tos', 'page:T:zeta.md', 'section:Explanations']);
  });

  it('reports a .pages entry that names nothing', () => {
    const pagesFiles = new Map([['', { file: 'docs/.pages', text: 'nav:\n  - missing.md\n' }]]);
    const { issues } = buildTreeNav(pages('index.md'), pagesFiles);
    expect(issues).toMatchObject([{ file: 'docs/.pages', line: 2, message: expect.stringContaining('missing.md') }]);
  });

  it('titles folders the way mkdocs does', () => {
    expect(humanise('how-to_guides')).toBe('How to guides');
  });
});
