import { describe, expect, it } from 'vitest';
import { classes, parseHtml, elements, render } from './helpers.ts';

describe('admonitions', () => {
  it('renders `!!! note "Title"` with a markdown title and an indented body', async () => {
    const doc = await render('!!! note "Read *this*"\n\n    Body with `code`.\n\n    Second paragraph.\n\nAfter.\n');
    expect(doc.html).toContain(
      '<div class="admonition note"><p class="admonition-title">Read <em>this</em></p><p>Body with <code>code</code>.</p><p>Second paragraph.</p></div>',
    );
    expect(doc.html).toContain('<p>After.</p>');
  });

  it('defaults the title to the capitalised type, and omits it for `""`', async () => {
    const doc = await render('!!! tip\n    Hint.\n\n!!! warning ""\n    No title.\n');
    expect(doc.html).toContain('<div class="admonition tip"><p class="admonition-title">Tip</p><p>Hint.</p></div>');
    expect(doc.html).toContain('<div class="admonition warning"><p>No title.</p></div>');
  });

  it('keeps extra qualifiers as classes (inline end, custom types)', async () => {
    const doc = await render('!!! info inline end "Side"\n    x\n\n!!! pied-piper "Custom"\n    y\n');
    expect(doc.html).toContain('<div class="admonition info inline end">');
    expect(doc.html).toContain('<div class="admonition pied-piper">');
  });

  it('nests admonitions and other blocks by indentation', async () => {
    const doc = await render('!!! note "Outer"\n\n    Outer text.\n\n    !!! warning "Inner"\n\n        Inner text.\n\n        - item\n\n    Back in outer.\n');
    const tree = parseHtml(doc.html);
    const boxes = elements(tree).filter((element) => classes(element).includes('admonition'));
    expect(boxes).toHaveLength(2);
    expect(elements(boxes[0]!)).toContain(boxes[1]);
    expect(doc.html).toMatch(/Inner text\.<\/p>\s*<ul>\s*<li>item<\/li>\s*<\/ul>\s*<\/div><p>Back in outer\.<\/p><\/div>/);
  });

  it('renders collapsible `???` as closed <details> and `???+` as open', async () => {
    const doc = await render('??? note "Click me"\n    Hidden.\n\n???+ example\n    Shown.\n');
    expect(doc.html).toContain('<details class="admonition note"><summary>Click me</summary><p>Hidden.</p></details>');
    expect(doc.html).toContain('<details class="admonition example" open><summary>Example</summary><p>Shown.</p></details>');
  });

  it('renders an admonition with a fenced code block and closes a fence left open at its end', async () => {
    const doc = await render('!!! example\n\n    ```yaml\n    a: 1\n\nOutside.\n');
    expect(doc.html).toMatch(/<div class="admonition example">.*<pre class="language-yaml">[\s\S]*<\/pre><\/div>\s*<p>Outside\.<\/p>/);
  });

  it('leaves `!!!` inside code and indented code alone', async () => {
    const doc = await render('```\n!!! note\n    not an admonition\n```\n\nText.\n\n    !!! note\n        code too\n');
    expect(doc.html).not.toContain('class="admonition');
    expect(doc.html).toContain('!!! note');
  });

  it('supports admonitions inside list items', async () => {
    const doc = await render('1. Step one\n\n    !!! tip\n        Do it.\n\n2. Step two\n');
    expect(doc.html).toMatch(/<li>\s*<p>Step one<\/p>\s*<div class="admonition tip">/);
    expect(doc.html).toContain('<li>\n<p>Step two</p>\n</li>');
  });

  it('keeps original line numbers for problems after and inside admonitions', async () => {
    const doc = await render('!!! note\n    text\n\n    --8<-- "inside.md"\n\n--8<-- "after.md"\n');
    expect(doc.problems.map((problem) => [problem.line, problem.column])).toEqual([
      [4, 5],
      [6, 1],
    ]);
  });
});

describe('definition lists', () => {
  it('renders `Term` + `:   definition` with indented continuation', async () => {
    const doc = await render('`Lorem`\n:   First line\n    continued.\n\n    Second paragraph.\n\nOther\n:   Def\n');
    expect(doc.html).toContain('<dl><dt><code>Lorem</code></dt><dd><p>First line\ncontinued.</p><p>Second paragraph.</p></dd><dt>Other</dt><dd><p>Def</p></dd></dl>');
  });

  it('may contain admonitions (Material reference style)', async () => {
    const doc = await render('<!-- md:option type:note -->\n\n:   !!! note\n\n        Body.\n');
    expect(doc.html).toContain('<dd><div class="admonition note"><p class="admonition-title">Note</p><p>Body.</p></div></dd>');
  });
});
