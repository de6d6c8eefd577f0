import { describe, expect, it } from 'vitest';
import { MAX_PAGE_LAYOUT } from '../../../src/docs/render/mermaid.ts';
import { render } from './helpers.ts';

/** A dense flowchart under the one-diagram limit: `edges` seeded random edges between `nodes` nodes. */
function denseFlowchart(seed: number, nodes = 25, edges = 190): string {
  let state = seed;
  // The high bits: the low bits of this generator repeat after a few steps.
  const random = () => Math.floor((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 16) % nodes;
  return ['flowchart TD', ...Array.from({ length: edges }, () => `  d${seed}n${random()} --> d${seed}n${random()}`)].join('\n');
}

/** A page of `count` diagrams, each under a heading, with the line each fence starts on. */
function diagramPage(diagrams: string[]): { page: string; fenceLines: number[] } {
  const lines = ['# Forty diagrams', ''];
  const fenceLines: number[] = [];
  diagrams.forEach((diagram, index) => {
    lines.push(`## Part ${index + 1}`, '', `Text of part ${index + 1}.`, '');
    fenceLines.push(lines.length + 1);
    lines.push('```mermaid', ...diagram.split('\n'), '```', '');
  });
  return { page: `${lines.join('\n')}\n`, fenceLines };
}

describe('the layout budget of a page', () => {
  it('lays out a page of forty dense flowcharts only up to the budget, shows the rest as source with a located warning, and keeps all text', async () => {
    const diagrams = Array.from({ length: 40 }, (_, index) => denseFlowchart(index + 1));
    const { page, fenceLines } = diagramPage(diagrams);
    expect(page.length).toBeGreaterThan(140_000);
    const started = performance.now();
    const doc = await render(page);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(20_000);

    const laidOut = doc.html.match(/<figure class="mermaid"><svg/g) ?? [];
    const asSource = doc.html.match(/<div class="mermaid mermaid-error"><pre><code class="language-mermaid">flowchart TD/g) ?? [];
    expect(laidOut.length).toBeGreaterThan(0);
    expect(laidOut.length + asSource.length).toBe(40);
    expect(doc.problems).toHaveLength(asSource.length);
    for (const problem of doc.problems) {
      expect(problem).toMatchObject({
        severity: 'warning',
        file: 'docs/page.md',
        column: 1,
        message: expect.stringMatching(new RegExp(`^The mermaid diagram could not be rendered \\(with its \\d+ nodes and 190 edges the page's diagrams would have more than ${MAX_PAGE_LAYOUT} nodes and edges together, the most one page lays out\\); its source is shown as code\\.$`)),
      });
    }
    // The diagrams past the budget are the last ones, each reported at its own fence.
    expect(doc.problems.map((problem) => problem.line)).toEqual(fenceLines.slice(laidOut.length));
    for (let part = 1; part <= 40; part++) expect(doc.html).toContain(`<p>Text of part ${part}.</p>`);
  }, 60_000);

  it('renders a page the same whether its diagrams were laid out before or not (the cache costs the same budget)', async () => {
    const diagrams = [denseFlowchart(101, 20, 150), denseFlowchart(102, 20, 150), 'flowchart LR\n  A --> B', denseFlowchart(103, 20, 150), 'flowchart LR\n  C --> D'];
    const { page } = diagramPage(diagrams);
    // Another page lays out the third dense diagram first: it is in the cache when the page renders.
    await render(diagramPage([diagrams[3]!]).page);
    const first = await render(page);
    const again = await render(page);
    expect(first.html).toBe(again.html);
    expect(first.problems).toEqual(again.problems);
    // Two dense ones fit (20 nodes and 150 edges each), the third does not; the small ones after it still do.
    expect(first.problems.map((problem) => problem.line)).toEqual([diagramPage(diagrams).fenceLines[3]]);
    expect(first.html.match(/<figure class="mermaid"><svg/g)).toHaveLength(4);
  }, 60_000);

  it('lays out a page of many small diagrams in full', async () => {
    const small = Array.from({ length: 12 }, (_, index) => `flowchart LR\n  A${index}[Client] --> B${index}[API]\n  B${index} --> C${index}[(Database)]\n  B${index} --> D${index}[Queue]`);
    const doc = await render(diagramPage(small).page);
    expect(doc.problems).toEqual([]);
    expect(doc.html.match(/<figure class="mermaid"><svg/g)).toHaveLength(12);
  }, 60_000);
});
