import { describe, expect, it } from 'vitest';
import { render, select } from './helpers.ts';

describe('rewriteUrl', () => {
  it('is called for every kind of URL with its original line and column', async () => {
    const source = [
      '# Links', // 1
      '', // 2
      'See [guide](../guide/setup.md#x) and ![logo](img/logo.png "Logo").', // 3
      '', // 4
      'Auto <https://example.com/a> and www.example.org and [ref][r] and ![pic][p].', // 5
      '', // 6
      '<p>Raw <a href="raw.md">raw</a> <img src="raw.png" alt=""></p>', // 7
      '', // 8
      '[r]: reference.md', // 9
      '[p]: picture.svg', // 10
      '[unused]: unused.md', // 11
    ].join('\n');
    const doc = await render(source);
    expect(doc.stub.urls).toEqual([
      { url: '../guide/setup.md#x', kind: 'link', at: { line: 3, column: 5 }, file: 'docs/page.md' },
      { url: 'img/logo.png', kind: 'image', at: { line: 3, column: 38 }, file: 'docs/page.md' },
      { url: 'https://example.com/a', kind: 'link', at: { line: 5, column: 6 }, file: 'docs/page.md' },
      { url: 'http://www.example.org', kind: 'link', at: { line: 5, column: 34 }, file: 'docs/page.md' },
      { url: 'reference.md', kind: 'link', at: { line: 9, column: 1 }, file: 'docs/page.md' },
      { url: 'picture.svg', kind: 'image', at: { line: 10, column: 1 }, file: 'docs/page.md' },
      { url: 'unused.md', kind: 'link', at: { line: 11, column: 1 }, file: 'docs/page.md' },
      { url: 'raw.md', kind: 'link', at: { line: 7, column: 8 }, file: 'docs/page.md' },
      { url: 'raw.png', kind: 'image', at: { line: 7, column: 33 }, file: 'docs/page.md' },
    ]);
  });

  it('puts the returned URL into the HTML, for references too', async () => {
    const doc = await render('[a](x.md) [b][r] ![c](i.png) <a href="y.md">d</a>\n\n[r]: z.md\n', {}, {
      rewriteUrl: (url) => `/portal/${url.replace(/\.md$/, '/')}`,
    });
    expect(select(doc.html, 'a').map((a) => a.properties['href'])).toEqual(['/portal/x/', '/portal/z/', '/portal/y.md'.replace('.md', '/')]);
    expect(select(doc.html, 'img')[0]!.properties['src']).toBe('/portal/i.png');
  });

  it('reports links after admonitions, tabs and includes at their original lines', async () => {
    const source = [
      '!!! note "T"', // 1
      '    [in admonition](a.md)', // 2
      '', // 3
      '=== "Tab"', // 4
      '', // 5
      '        [in tab, indented code](not-a-link.md)', // 6
      '', // 7
      '    [in tab](b.md)', // 8
      '', // 9
      '--8<-- "docs/snippet.md"', // 10
      '', // 11
      '{% include-markdown "inc.md" %}', // 12
      '', // 13
      '[after](c.md)', // 14
    ].join('\n');
    const doc = await render(source, { 'docs/snippet.md': 'x\n\n[from snippet](s.md)\n', 'docs/inc.md': '\n[from include](i.md)\n' });
    expect(doc.stub.urls.map((call) => [call.url, call.file, call.at.line, call.at.column])).toEqual([
      ['a.md', 'docs/page.md', 2, 5],
      ['b.md', 'docs/page.md', 8, 5],
      // A snippet is pasted verbatim, so its URLs belong to the page, at the directive.
      ['s.md', 'docs/page.md', 10, 1],
      // include-markdown rewrites URLs relative to the included file, so they are reported there.
      ['i.md', 'docs/inc.md', 2, 1],
      ['c.md', 'docs/page.md', 14, 1],
    ]);
  });

  it('does not hand the generated footnote links to the caller', async () => {
    const doc = await render('Note[^1] and <b>raw</b>.\n\n[^1]: See [x](x.md).\n');
    expect(doc.stub.urls.map((call) => call.url)).toEqual(['x.md']);
  });

  it('never hands dangerous URLs to the caller', async () => {
    const doc = await render('[x](javascript:alert(1)) [y](java\tscript:alert(1)) <a href="vbscript:x">z</a> ![d](data:text/html,hi)\n');
    expect(doc.stub.urls).toEqual([]);
  });

  it('survives a rewriteUrl that throws', async () => {
    const doc = await render('[x](a.md)\n', {}, {
      rewriteUrl: () => {
        throw new Error('boom');
      },
    });
    expect(select(doc.html, 'a')[0]!.properties['href']).toBe('a.md');
    expect(doc.problems).toMatchObject([{ severity: 'warning', line: 1, message: expect.stringContaining('boom') }]);
  });
});
