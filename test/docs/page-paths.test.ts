import { describe, expect, it } from 'vitest';
import { docPagePath, folderRefusal, pageSlug, publishableFiles } from '../../src/docs/page-paths.ts';

const site = 'docs/default/component/web/';
const pagesOf = (pages: string[]) => publishableFiles(site, { pages, assets: [] });

describe('pageSlug', () => {
  it("maps sources to mkdocs' directory URLs", () => {
    expect(['index.md', 'guide/setup.md', 'guide/README.md', 'api.mdx'].map(pageSlug)).toEqual(['', 'guide/setup', 'guide', 'api']);
  });
});

describe('docPagePath', () => {
  it('writes a page URL in NFC, the form Astro writes the page in, whichever form the file name used', () => {
    expect(docPagePath(site, 'cafe\u0301')).toBe(`${site}caf%C3%A9/`);
  });
});

describe('publishableFiles', () => {
  it('publishes one page per URL, index before README as mkdocs does, and says which source was left out', () => {
    const { pages, unpublished } = pagesOf(['README.md', 'index.md', 'a.md', 'a/index.md', 'c.mdx', 'c.md', 'guide.md']);
    expect(pages).toEqual(['index.md', 'a/index.md', 'c.md', 'guide.md']);
    expect(unpublished).toEqual([
      { path: 'README.md', kind: 'page', reason: 'README.md and index.md would both be the page at the docs home; index.md is published, this one is not.' },
      { path: 'a.md', kind: 'page', reason: expect.stringContaining('a.md and a/index.md would both be the page at a/') },
      { path: 'c.mdx', kind: 'page', reason: expect.stringContaining('c.mdx and c.md would both be the page at c/') },
    ]);
  });

  it('leaves out a page whose URL would hold a . or .. segment, encoded or not, a ? or #, or a percent-escape', () => {
    const { pages, unpublished } = pagesOf(['%2e%2e.md', 'x/%2E.md', 'ok.md', '100%.md', '50%zz.md', 'q?x#y.md', 'a%41b.md', '%5Bid%5D.md']);
    expect(pages).toEqual(['100%.md', '50%zz.md', 'ok.md']);
    expect(unpublished.map((page) => page.path)).toEqual(['%2e%2e.md', '%5Bid%5D.md', 'a%41b.md', 'q?x#y.md', 'x/%2E.md']);
    expect(unpublished.find((page) => page.path === 'a%41b.md')!.reason).toBe("a%41b.md has a percent-escape (%41) in its name, which Astro's router decodes into another name; rename it.");
  });

  it('leaves out names with a control character (C0, DEL, C1, line separators), saying which, escaped', () => {
    const names = ['ta\tb.md', 'c\rr.md', 'l\nf.md', 'nul\u0000.md', 'del\u007f.md', 'c1\u0085.md', 'ls\u2028.md', 'ps\u2029.md', 'esc\u001b[2J.md'];
    const { pages, unpublished } = pagesOf([...names, 'ok.md']);
    expect(pages).toEqual(['ok.md']);
    expect(unpublished.map((page) => page.path).sort()).toEqual([...names].sort());
    const tab = unpublished.find((page) => page.path === 'ta\tb.md')!;
    expect(tab.reason).toBe('ta\\tb.md has a control character (\\t) in its name, which browsers drop from URLs or Astro cannot route; rename it.');
    for (const { reason } of unpublished) expect(reason).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  it('leaves out names with bidirectional-text controls, a backslash, lone surrogates or bytes that are not UTF-8', () => {
    const { pages, unpublished } = pagesOf(['evil\u202egpj.md', 'a\\b.md', 'half\ud800.md', 'latin1\ufffd.md', 'ok.md']);
    expect(pages).toEqual(['ok.md']);
    expect(Object.fromEntries(unpublished.map((page) => [page.path, page.reason]))).toEqual({
      'evil\u202egpj.md': 'evil\\u202egpj.md has a bidirectional-text control (\\u202e) in its name, which makes it read as another name; rename it.',
      'a\\b.md': 'a\\b.md has a backslash in its name, which browsers read as "/" in a URL; rename it.',
      'half\ud800.md': 'half\\ud800.md has a name that is not valid Unicode (a lone surrogate or bytes that are not UTF-8), so it has no URL; rename it.',
      'latin1\ufffd.md': 'latin1\ufffd.md has a name that is not valid Unicode (a lone surrogate or bytes that are not UTF-8), so it has no URL; rename it.',
    });
  });

  it('keeps the first in code-point order of names that are one URL after NFC normalisation or case folding', () => {
    const { pages, unpublished } = pagesOf(['caf\u00e9.md', 'cafe\u0301.md', 'guide.md', 'Guide.md', 'GUIDE/index.md']);
    expect(pages).toEqual(['cafe\u0301.md', 'GUIDE/index.md']);
    expect(Object.fromEntries(unpublished.map((page) => [page.path, page.reason]))).toEqual({
      'caf\u00e9.md': 'caf\u00e9.md (NFC) and cafe\u0301.md (NFD) are one name in two Unicode normalisation forms, so they would be one page; cafe\u0301.md is published, this one is not.',
      'Guide.md': 'Guide.md and GUIDE/index.md differ only in letter case, so they would be one page on case-insensitive hosts; GUIDE/index.md is published, this one is not.',
      'guide.md': 'guide.md and GUIDE/index.md differ only in letter case, so they would be one page on case-insensitive hosts; GUIDE/index.md is published, this one is not.',
    });
  });

  it('leaves out an asset at the path of a page folder, and a page whose folder is an asset, in either order and nested', () => {
    const { pages, assets, unpublished } = publishableFiles(site, {
      pages: ['pic.png.md', 'img/logo.png/index.md', 'ok.md', 'Shot.png.md'],
      assets: ['pic.png', 'img/logo.png', 'shot.png', 'a.png', 'A.PNG', 'x/y.png'],
    });
    expect(pages).toEqual(['img/logo.png/index.md', 'ok.md', 'pic.png.md', 'Shot.png.md']);
    expect(assets).toEqual(['A.PNG', 'x/y.png']);
    expect(Object.fromEntries(unpublished.map((file) => [file.path, `${file.kind}: ${file.reason}`]))).toEqual({
      'pic.png': 'asset: pic.png would be published at pic.png/, the folder of pic.png.md, and one path cannot be both a file and a folder; pic.png.md is published, this one is not: rename one.',
      'img/logo.png': 'asset: img/logo.png would be published at img/logo.png/, the folder of img/logo.png/index.md, and one path cannot be both a file and a folder; img/logo.png/index.md is published, this one is not: rename one.',
      'shot.png': 'asset: shot.png would be published at Shot.png/, the folder of Shot.png.md on case-insensitive hosts, and one path cannot be both a file and a folder; Shot.png.md is published, this one is not: rename one.',
      'a.png': 'asset: a.png and A.PNG differ only in letter case, so they would be one file on case-insensitive hosts; A.PNG is published, this one is not.',
    });
  });

  it('leaves out a page whose folder is where another page is written as a file', () => {
    const { pages, unpublished } = publishableFiles(site, { pages: ['x.md', 'x/index.html.md'], assets: [] });
    expect(pages).toEqual(['x.md']);
    expect(unpublished).toEqual([{ path: 'x/index.html.md', kind: 'page', reason: 'x/index.html.md would be published under x/index.html/, where x.md is published as a file; x.md is published, this one is not: rename one.' }]);
  });

  it('leaves out paths whose output name is over 255 bytes or whose whole path is over the limit for static hosts', () => {
    const long = 'é'.repeat(128); // 256 bytes in UTF-8
    const deep = Array.from({ length: 5 }, () => 'a'.repeat(250)).join('/');
    const { pages, assets, unpublished } = publishableFiles(site, { pages: [`${long}.md`, `${deep}/page.md`, 'ok.md'], assets: [`${long}.png`] });
    expect(pages).toEqual(['ok.md']);
    expect(assets).toEqual([]);
    const deepBytes = Buffer.byteLength(`${site}${deep}/page/index.html`);
    expect(unpublished.map((file) => file.reason)).toEqual([
      `${deep}/page.md would be published at a path of ${deepBytes} bytes, over the 1024 bytes static hosts and file systems accept; shorten its folders or name.`,
      `${long}.md has a name of 256 bytes, over the 255 bytes file systems allow; shorten it.`,
      `${long}.png has a name of 260 bytes, over the 255 bytes file systems allow; shorten it.`,
    ]);
  });
});

describe('folderRefusal', () => {
  it('refuses a folder whose name or path no page under it could be published at, and accepts an ordinary one', () => {
    expect(folderRefusal(site, 'guide/setup')).toBeNull();
    expect(folderRefusal(site, 'bad\nname')).toBe('bad\\nname has a control character (\\n) in its name, which browsers drop from URLs or Astro cannot route; rename it. Nothing in it is published.');
    const deep = Array.from({ length: 5 }, () => 'a'.repeat(250)).join('/');
    expect(folderRefusal(site, deep)).toBe(`${deep} would be published at a path of ${Buffer.byteLength(`${site}${deep}/`)} bytes, over the 1024 bytes static hosts and file systems accept; shorten its folders or name. Nothing in it is published.`);
  });
});
