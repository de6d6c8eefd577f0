import { describe, expect, it } from 'vitest';
import { render } from './helpers.ts';

describe('pymdownx snippets (--8<--)', () => {
  it('pastes a file in place of the directive, keeping its indentation (also inside code fences)', async () => {
    const doc = await render('Before.\n\n--8<-- "docs/part.md"\n\n!!! note\n    ```java\n    --8<-- "src/Main.java"\n    ```\n', {
      'docs/part.md': '**Pasted** part.\n',
      'src/Main.java': 'class Main {\n  int x;\n}\n',
    });
    expect(doc.html).toContain('<p><strong>Pasted</strong> part.</p>');
    expect(doc.html).toMatch(/<pre class="language-java"><code class="language-java"><span class="token keyword">class<\/span> <span class="token class-name">Main<\/span>/);
    expect(doc.html).toContain('  <span class="token keyword">int</span> x<span class="token punctuation">;</span>\n<span class="token punctuation">}</span></code>');
    expect(doc.problems).toEqual([]);
  });

  it('supports line ranges, sections and the block form, and `;--8<--` escapes', async () => {
    const files = {
      'lines.txt': 'one\ntwo\nthree\nfour\nfive\n',
      'sections.py': 'a = 1\n# --8<-- [start:core]\nb = 2\n# --8<-- [end:core]\nc = 3\n',
    };
    const doc = await render('```\n--8<-- "lines.txt:2:3"\n--8<-- "lines.txt:4"\n--8<-- "lines.txt:1:1,5:5"\n--8<-- "sections.py:core"\n;--8<-- "not-included.md"\n```\n\n--8<--\nlines.txt:1:1\n--8<--\n', files);
    expect(doc.html).toContain('<pre><code>two\nthree\nfour\nfive\none\nfive\nb = 2\n--8&#x3C;-- "not-included.md"</code></pre>');
    expect(doc.html).toContain('<p>one</p>');
    expect(doc.problems).toEqual([]);
  });

  it('reports a missing snippet as an error at its line and renders the rest', async () => {
    const doc = await render('# Title\n\n    --8<-- "gone.md"\n\n--8<-- "https://example.com/x.md"\n\nEnd.\n');
    expect(doc.problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'docs/page.md', line: 3, column: 5, message: expect.stringContaining('"gone.md" could not be read') }),
      expect.objectContaining({ severity: 'error', line: 5, column: 1, message: expect.stringContaining('remote URL') }),
    ]);
    expect(doc.html).toContain('<p>End.</p>');
  });
});

describe('include-markdown', () => {
  it('includes a file relative to the including file, with start/end markers and heading-offset', async () => {
    const files = {
      'docs/common/part.md': 'intro\n<!--start-->\n# Part title\n\nPart body.\n<!--end-->\noutro\n',
    };
    const doc = await render('# Page\n\n{%\n  include-markdown "common/part.md"\n  start="<!--start-->"\n  end="<!--end-->"\n  heading-offset=1\n%}\n\nAfter.\n', files);
    expect(doc.headings.map((heading) => [heading.depth, heading.text])).toEqual([
      [1, 'Page'],
      [2, 'Part title'],
    ]);
    expect(doc.html).toContain('<p>Part body.</p>');
    expect(doc.html).not.toContain('intro');
    expect(doc.html).not.toContain('outro');
    expect(doc.html).toContain('<p>After.</p>');
  });

  it('indents included content like the directive (inside an admonition)', async () => {
    const doc = await render('!!! info "Locations"\n\n    {% include-markdown "loc.md" %}\n', { 'docs/loc.md': '- one\n- two\n' });
    expect(doc.html).toMatch(/<div class="admonition info"><p class="admonition-title">Locations<\/p><ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul><\/div>/);
  });

  it('nests includes and reports a cycle at the directive that closes it', async () => {
    const files = {
      'docs/a.md': 'A says hi.\n\n{% include "b.md" %}\n',
      'docs/b.md': 'B says hi.\n\n{% include-markdown "a.md" %}\n',
    };
    const doc = await render('{% include-markdown "a.md" %}\n', files);
    expect(doc.html).toContain('A says hi.');
    expect(doc.html).toContain('B says hi.');
    expect(doc.problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'docs/b.md', line: 3, message: expect.stringContaining('would include itself (docs/a.md → docs/b.md → docs/a.md)') }),
    ]);
  });

  it('stops at 10 levels of nesting', async () => {
    const files: Record<string, string> = {};
    for (let level = 0; level < 15; level++) files[`docs/n${level}.md`] = `level ${level}\n\n--8<-- "docs/n${level + 1}.md"\n`;
    const doc = await render('--8<-- "docs/n0.md"\n', files);
    expect(doc.html).toContain('level 9');
    expect(doc.html).not.toContain('level 10');
    expect(doc.problems).toEqual([expect.objectContaining({ file: 'docs/n9.md', line: 3, message: expect.stringContaining('more than 10 levels') })]);
  });

  it('keeps the original line numbers of everything after an include', async () => {
    const doc = await render('{% include-markdown "three-lines.md" %}\n\n[link](a.md)\n\n--8<-- "missing.md"\n', { 'docs/three-lines.md': 'one\n\ntwo\n\nthree\n' });
    expect(doc.stub.urls).toEqual([{ url: 'a.md', kind: 'link', at: { line: 3, column: 1 }, file: 'docs/page.md' }]);
    expect(doc.problems).toMatchObject([{ line: 5, column: 1, file: 'docs/page.md' }]);
  });

  it('reports problems inside included files at their own file and line', async () => {
    const doc = await render('# P\n\n{% include-markdown "inc.md" %}\n', { 'docs/inc.md': 'ok\n\n```mermaid\nnot a diagram\n```\n' });
    expect(doc.problems).toEqual([expect.objectContaining({ severity: 'warning', file: 'docs/inc.md', line: 3, column: 1 })]);
  });

  it('warns when a start marker is missing', async () => {
    const doc = await render('{% include-markdown "x.md" start="<!--nope-->" %}\n', { 'docs/x.md': 'content\n' });
    expect(doc.problems).toMatchObject([{ severity: 'warning', line: 1, message: expect.stringContaining('start marker') }]);
    expect(doc.html).not.toContain('content');
  });

  it('leaves other `{% … %}` tags alone', async () => {
    const doc = await render('Text {% raw %} here.\n');
    expect(doc.html).toContain('{% raw %}');
    expect(doc.problems).toEqual([]);
  });
});
