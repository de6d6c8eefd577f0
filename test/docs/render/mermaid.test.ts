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

  it('shows a diagram with too many edges for layout as its source, with a warning, instead of hanging the build', async () => {
    // The reported case: 800 random edges over 400 nodes (19.5 KB, under the size cap) took 307 s to lay out.
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 400;
    const lines = ['flowchart TD', ...Array.from({ length: 800 }, () => `  n${random()} --> n${random()}`)];
    const source = lines.join('\n');
    expect(source.length).toBeLessThan(20_000);
    const doc = await render(`# Big\n\n\`\`\`mermaid\n${source}\n\`\`\`\n`);
    expect(doc.problems).toEqual([
      expect.objectContaining({ severity: 'warning', line: 3, column: 1, message: expect.stringMatching(/mermaid diagram could not be rendered \(it has \d+ nodes and 800 edges; at most 200 nodes and 200 edges are laid out\); its source is shown as code/) }),
    ]);
    expect(doc.html).toContain(`<div class="mermaid mermaid-error"><pre><code class="language-mermaid">${lines.slice(0, 3).join('\n')}`);
    expect(doc.html).not.toContain('<svg');
  });

  it('counts edges hidden behind character references, chained edges and class/ER relationships against the limit', async () => {
    const { graphSize } = await import('../../../src/docs/render/mermaid.ts');
    expect(graphSize('graph LR\n  A &#45;&#45;&gt; B\n  B --> C & D --> E')).toEqual({ nodes: 5, edges: 5 });
    expect(graphSize('classDiagram\n  class A {\n    +name : string\n  }\n  A <|-- B\n  B --> C : uses')).toEqual({ nodes: 3, edges: 2 });
    expect(graphSize('erDiagram\n  A ||--o{ B : has\n  B {\n    string id PK\n  }')).toEqual({ nodes: 2, edges: 1 });
    expect(graphSize('sequenceDiagram\n  A->>B: hi')).toBeUndefined();
    const dense = ['classDiagram', ...Array.from({ length: 201 }, (_, index) => `  C${index % 20} --> C${(index * 7) % 20}`)].join('\n');
    const doc = await render(`\`\`\`mermaid\n${dense}\n\`\`\`\n`);
    expect(doc.problems).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('20 nodes and 201 edges') })]);
  });

  it('still renders a realistic diagram of 150 nodes', async () => {
    const lines = ['flowchart LR', ...Array.from({ length: 149 }, (_, index) => `  s${Math.floor(index / 3)}[Service ${Math.floor(index / 3)}] --> s${index + 1}[Service ${index + 1}]`)];
    const doc = await render(`\`\`\`mermaid\n${lines.join('\n')}\n\`\`\`\n`);
    expect(doc.problems).toEqual([]);
    expect(doc.html).toContain('<figure class="mermaid"><svg');
    expect(doc.html).toMatch(/<text[^>]*>Service 149<\/text>/);
  }, 30_000);

  it('is false for pages without diagrams', async () => {
    expect((await render('```js\nx\n```\n')).hasMermaid).toBe(false);
  });
});
