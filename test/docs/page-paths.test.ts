import { describe, expect, it } from 'vitest';
import { pageSlug, publishablePages } from '../../src/docs/page-paths.ts';

describe('pageSlug', () => {
  it("maps sources to mkdocs' directory URLs", () => {
    expect(['index.md', 'guide/setup.md', 'guide/README.md', 'api.mdx'].map(pageSlug)).toEqual(['', 'guide/setup', 'guide', 'api']);
  });
});

describe('publishablePages', () => {
  it('publishes one page per URL, index before README as mkdocs does, and says which source was left out', () => {
    const { pages, unpublished } = publishablePages(['README.md', 'index.md', 'a.md', 'a/index.md', 'c.mdx', 'c.md', 'guide.md']);
    expect(pages).toEqual(['index.md', 'a/index.md', 'c.md', 'guide.md']);
    expect(unpublished).toEqual([
      { path: 'README.md', reason: 'README.md and index.md would both be the page at the docs home; index.md is published, this one is not.' },
      { path: 'a.md', reason: expect.stringContaining('a.md and a/index.md would both be the page at a/') },
      { path: 'c.mdx', reason: expect.stringContaining('c.mdx and c.md would both be the page at c/') },
    ]);
  });

  it('leaves out a page whose URL would hold a . or .. segment, encoded or not, or a ? or #', () => {
    const { pages, unpublished } = publishablePages(['%2e%2e.md', 'x/%2E.md', 'ok.md', '100%.md', 'q?x#y.md']);
    expect(pages).toEqual(['100%.md', 'ok.md']);
    expect(unpublished.map((page) => page.path)).toEqual(['%2e%2e.md', 'q?x#y.md', 'x/%2E.md']);
  });
});
