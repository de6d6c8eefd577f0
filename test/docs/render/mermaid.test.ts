import { describe, expect, it } from 'vitest';
import { classes, elements, parseHtml, render } from './helpers.ts';

describe('mermaid diagrams', () => {
  it('renders a mermaid fence to inline SVG at build time, with the source kept in <details>', async () => {
    const doc = await render('# D\n\n```mermaid\ngraph LR\n  A[Start] --> B{Error?}\n  B -->|Yes| C[Debug]\n```\n');
    expect(doc.hasMermaid).toBe(true);
    expect(doc.problems).toEqual([]);
    const figure = elements(parseHtml(doc.html)).find((element) => element.tagName === 'figure')!;
    expect(classes(figure)).toEqual(['mermaid']);
    const svg = figure.children.find((child) => child.type === 'element' && child.tagName === 'svg');
    expect(svg).toMatchObject({ properties: { role: 'img', ariaLabel: expect.stringContaining('Diagram') } });
    expect(doc.html).toContain('<details class="mermaid-source"><summary>Diagram source</summary><pre><code class="language-mermaid">graph LR');
    expect(doc.html).toMatch(/<text[^>]*>Start<\/text>/);
  });

  it('prefixes ids per diagram and lists them as page ids', async () => {
    const doc = await render('```mermaid\ngraph TD\n  A --> B\n```\n\n```mermaid\ngraph TD\n  C --> D\n```\n');
    expect(doc.ids).toEqual(expect.arrayContaining(['mermaid-1-arrowhead', 'mermaid-2-arrowhead']));
    expect(doc.html).toContain('marker-end="url(#mermaid-2-arrowhead)"');
    expect(doc.html).not.toContain('url(#arrowhead)');
  });

  it('renders no style element, no style attributes and no web-font import (the look comes from render.css)', async () => {
    const doc = await render('```mermaid\nsequenceDiagram\n  Alice->>John: Hello\n```\n');
    expect(doc.html).toContain('<svg');
    expect(doc.html).not.toMatch(/<style|style="|@import/);
  });

  it('reports a diagram it cannot render as a warning at the fence and shows the source as code', async () => {
    const doc = await render('# Page\n\nText.\n\n```mermaid\ngantt\n  title Not supported\n```\n');
    expect(doc.problems).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'docs/page.md', line: 5, column: 1, message: expect.stringContaining('mermaid diagram could not be rendered') }),
    ]);
    expect(doc.html).toContain('<div class="mermaid mermaid-error"><pre><code class="language-mermaid">gantt\n  title Not supported</code></pre></div>');
    expect(doc.hasMermaid).toBe(true);
  });

  it('is false for pages without diagrams', async () => {
    expect((await render('```js\nx\n```\n')).hasMermaid).toBe(false);
  });
});
