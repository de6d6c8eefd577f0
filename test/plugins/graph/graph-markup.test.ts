import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import type { GraphLayout } from '../../../src/plugins/graph/graph-file.ts';
import { graphSentencesMarkup, graphSvgMarkup } from '../../../src/plugins/graph/graph-markup.ts';
import { elements, parseHtml, select } from '../../docs/render/helpers.ts';

const node = (id: string, label: string, extra: Partial<GraphLayout['nodes'][number]> = {}): GraphLayout['nodes'][number] => ({ id, label, x: 100, y: 40, width: 120, height: 36, ...extra });

const layout: GraphLayout = {
  width: 400,
  height: 120,
  nodes: [
    node('component:default/ledger', 'Ledger', { caption: 'Component', current: true, category: 'component' }),
    node('group:default/payments', 'Payments <Team> & "Co"', { caption: 'Group', href: 'catalog/default/group/payments/', x: 300, category: 'group', tone: 'ok' }),
    node('api:default/evil', 'Evil', { href: 'javascript:alert(1)', x: 300, y: 90, category: 'bad category"' }),
  ],
  edges: [
    { from: 'group:default/payments', to: 'component:default/ledger', label: 'ownerOf', points: [{ x: 240, y: 40 }, { x: 160, y: 40 }] },
    { from: 'component:default/ledger', to: 'component:default/missing', label: 'dependsOn', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
  ],
};

describe('the diagram drawn as markup', () => {
  const html = graphSvgMarkup(layout, { id: 'graph-1', name: { labelledBy: 'graph-1' }, base: '/portal/' });

  it('draws a box and label per node, linking every node but the current one under the base path', () => {
    const groups = elements(parseHtml(html)).filter((element) => element.properties['dataNode'] !== undefined);
    expect(groups.map((group) => group.properties['dataNode'])).toEqual(['component:default/ledger', 'group:default/payments', 'api:default/evil']);
    expect(select(html, 'a').map((link) => link.properties['href'])).toEqual(['/portal/catalog/default/group/payments/']);
    expect(select(html, 'title').map((title) => toString(title))).toEqual(['Ledger, Component', 'Payments <Team> & "Co", Group', 'Evil']);
    expect(select(html, 'svg')[0]!.properties['ariaLabelledBy']).toEqual(['graph-1']);
  });

  it('escapes labels, so a descriptor cannot add markup, and drops a category that is not a plain word', () => {
    expect(html).not.toContain('<Team>');
    expect(html).toContain('Payments &#60;Team&#62; &#38; &#34;Co&#34;');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('bad category');
    expect(elements(parseHtml(html)).filter((element) => element.tagName === 'script')).toEqual([]);
  });

  it('draws only the edges whose ends are both in the graph, each with its label and the arrowhead', () => {
    expect(select(html, 'path').filter((path) => path.properties['markerEnd'] === 'url(#graph-1-arrow)')).toHaveLength(1);
    expect(select(html, 'text').map((text) => toString(text))).toContain('ownerOf');
    expect(html).not.toContain('dependsOn');
  });

  it('names an expanded diagram by its label and marks it for the island', () => {
    const expanded = graphSvgMarkup(layout, { id: 'r1', name: { label: 'Relations of <Ledger>' }, base: '/', marker: 'data-graph-svg' });
    const svg = select(expanded, 'svg')[0]!;
    expect(svg.properties['ariaLabel']).toBe('Relations of <Ledger>');
    expect(svg.properties['dataGraphSvg']).toBe('');
  });

  it('says every relation in words, for screen readers', () => {
    const text = toString(parseHtml(graphSentencesMarkup(layout, 'Relations of Ledger')));
    expect(text).toContain('Relations of Ledger, as a list of relations:');
    expect(text).toContain('Payments <Team> & "Co" (Group) owner of Ledger (Component)');
    expect(text).not.toContain('missing');
  });
});
