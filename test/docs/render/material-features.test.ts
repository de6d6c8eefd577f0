import { describe, expect, it } from 'vitest';
import { render, select } from './helpers.ts';

describe('Material for MkDocs formatting', () => {
  it('renders ==mark==, ^^insert^^, ~~delete~~, ^sup^ and ~sub~', async () => {
    const doc = await render('==marked== ^^inserted^^ ~~deleted~~ A^T^A H~2~O\n');
    expect(doc.html).toContain('<mark>marked</mark> <ins>inserted</ins> <del>deleted</del> A<sup>T</sup>A H<sub>2</sub>O');
  });

  it('lets marks span other inline markup and leaves `a == b` alone', async () => {
    const doc = await render('==a **bold** word== and `x == y` and a == b and ===\n');
    expect(doc.html).toContain('<mark>a <strong>bold</strong> word</mark> and <code>x == y</code> and a == b and ===');
  });

  it('renders keyboard keys', async () => {
    const doc = await render('Press ++ctrl+alt+del++ or ++enter++.\n');
    expect(doc.html).toContain('<kbd class="keys"><kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>Del</kbd></kbd>');
    expect(doc.html).toContain('<kbd class="keys"><kbd>Enter</kbd></kbd>');
  });

  it('drops icon shortcodes (with attribute lists) and turns known emoji shortcodes into characters', async () => {
    const doc = await render('- :material-check: Yes\n- :octicons-x-16:{ .red } No\n- Nice :thumbsup: and :heart: at 10:30:00 :not_an_emoji:\n');
    expect(doc.html).toContain('<li>Yes</li>');
    expect(doc.html).toContain('<li>No</li>');
    expect(doc.html).toContain('<li>Nice 👍 and ❤️ at 10:30:00 :not_an_emoji:</li>');
    expect(doc.html).not.toContain('<img');
  });

  it('does not touch marks inside code or URLs', async () => {
    const doc = await render('`==x== ~y~` and https://example.com/~user/~x\n');
    expect(doc.html).toContain('<code>==x== ~y~</code>');
    expect(select(doc.html, 'a')[0]!.children).toEqual([expect.objectContaining({ value: 'https://example.com/~user/~x' })]);
  });

  it('removes HTML comments, including mkdocs macros', async () => {
    const doc = await render('<!-- md:version 9.0 -->\n\nVersion <!-- md:flag experimental --> text.\n\n<!-- prettier-ignore -->\n!!! note\n    x\n');
    expect(doc.html).not.toContain('<!--');
    expect(doc.html).not.toContain('md:');
    expect(doc.html).toContain('<p>Version  text.</p>');
  });

  it('renders markdown inside `<div markdown>` blocks', async () => {
    const doc = await render('<div class="result" markdown>\n\n**bold**\n\n</div>\n');
    expect(doc.html).toContain('<div>\n<p><strong>bold</strong></p>\n</div>');
  });
});

describe('attribute lists', () => {
  it('applies safe attributes to links and images and strips the list from the text', async () => {
    const doc = await render('[Start](start.md){ .md-button .md-button--primary onclick="x" } ![Logo](logo.svg){ width="300" align=left style="x" } [Dl](f.svg){: download }\n');
    const [button, download] = select(doc.html, 'a');
    expect(button!.properties).toEqual({ href: 'start.md', className: ['md-button', 'md-button--primary'] });
    expect(download!.properties).toEqual({ href: 'f.svg' });
    expect(select(doc.html, 'img')[0]!.properties).toEqual({ src: 'logo.svg', alt: 'Logo', width: 300, align: 'left', loading: 'lazy' });
    expect(doc.html).not.toContain('{');
  });

  it('turns a pixel width in a style attribute list into a width, never a style', async () => {
    const doc = await render('![A Scaled Image](logo.svg){: style="width: 100px" }\n');
    expect(select(doc.html, 'img')[0]!.properties).toEqual({ src: 'logo.svg', alt: 'A Scaled Image', width: 100, loading: 'lazy' });
  });

  it('strips block attribute lists such as `{ .annotate }` from paragraphs and list items', async () => {
    const doc = await render('Lorem (1) ipsum.\n{ .annotate }\n\n1.  Note (1)\n    { .annotate }\n\n{: .standalone }\n');
    expect(doc.html).not.toContain('{');
    expect(doc.html).toContain('<p>Lorem (1) ipsum.</p>');
  });
});

describe('code annotations', () => {
  it('turns the ordered list after an annotated block into its notes and strips `# (1)!` comment markers', async () => {
    const doc = await render('``` yaml\ntheme:\n  features:\n    - content.code.annotate # (1)!\n```\n\n1.  I am an annotation with `code`.\n\nAfter.\n');
    expect(doc.html).toContain('content.code.annotate (1)</code></pre>');
    expect(doc.html).not.toContain('# (1)');
    expect(doc.html).toContain('<ol class="code-annotations">\n<li>I am an annotation with <code>code</code>.</li>\n</ol>');
  });

  it('leaves an ordinary list after a block without markers alone', async () => {
    const doc = await render('```\nplain\n```\n\n1. item\n');
    expect(doc.html).toContain('<ol>\n<li>item</li>\n</ol>');
  });
});
