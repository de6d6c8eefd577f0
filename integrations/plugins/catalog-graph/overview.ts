import { compareStrings, type GraphModel, type GraphModelEdge } from '../../plugin-api.ts';
import type { CatalogGraph } from './catalog-graph-file.ts';

/** Relations that make one entity need another: what "system A depends on system B" sums up. */
const dependencyLabels = new Set(['dependsOn', 'consumesApi']);

export interface Overview extends GraphModel {
  /** Systems were left out (too many to draw): the overview shows domains only. */
  domainsOnly: boolean;
  /** Dependencies between the shown nodes, drawn or not. */
  dependencies: number;
}

/**
 * The catalog from above: domains and their systems, and an edge from one system to another
 * when something in the first depends on (or consumes an API of) something in the second. With
 * more than `maxNodes` domains and systems, domains only, with the same summary between domains.
 * Thousands of components are not drawn here: the filters and each system's page do that. Only
 * the strongest dependencies (most relations behind them) are drawn, at most `maxDependencies`
 * (default: as many as nodes): layout
 * time grows with edges, and a hairball says nothing.
 */
export function overviewModel(graph: CatalogGraph, maxNodes: number, maxDependencies?: number): Overview {
  const { file } = graph;
  const kindOf = (id: string) => id.slice(0, id.indexOf(':'));
  const domains = file.nodes.filter((node) => kindOf(node.id) === 'domain' && node.href);
  const systems = file.nodes.filter((node) => kindOf(node.id) === 'system' && node.href);
  const domainsOnly = domains.length + systems.length > maxNodes;
  const shown = (domainsOnly ? domains : [...domains, ...systems]).slice(0, maxNodes);
  const shownIds = new Set(shown.map((node) => node.id));
  const groupOf = domainsOnly ? graph.domainOf : graph.systemOf;

  const structure: GraphModelEdge[] = [];
  const dependencies = new Map<string, { from: string; to: string; weight: number }>();
  for (const [fromIndex, toIndex, labelIndex] of file.edges) {
    const from = file.nodes[fromIndex]!.id;
    const to = file.nodes[toIndex]!.id;
    const label = file.labels[labelIndex]!;
    // Structure between the shown nodes as it is (a domain has part a system or a subdomain)…
    if (label === 'hasPart' && shownIds.has(from) && shownIds.has(to)) structure.push({ from, to, label });
    // …and dependencies summed up between the groups their ends belong to.
    if (dependencyLabels.has(label)) {
      const fromGroup = groupOf.get(from);
      const toGroup = groupOf.get(to);
      if (!fromGroup || !toGroup || fromGroup === toGroup || !shownIds.has(fromGroup) || !shownIds.has(toGroup)) continue;
      const key = `${fromGroup}\n${toGroup}`;
      const dependency = dependencies.get(key);
      if (dependency) dependency.weight++;
      else dependencies.set(key, { from: fromGroup, to: toGroup, weight: 1 });
    }
  }
  const strongest = [...dependencies.values()]
    .sort((a, b) => b.weight - a.weight || compareStrings(a.from, b.from) || compareStrings(a.to, b.to))
    .slice(0, maxDependencies ?? shown.length)
    .map(({ from, to }): GraphModelEdge => ({ from, to, label: 'dependsOn' }));
  const nodes = shown.map(({ facets: _facets, ...node }) => node);
  return { nodes, edges: [...structure, ...strongest], domainsOnly, dependencies: dependencies.size };
}
