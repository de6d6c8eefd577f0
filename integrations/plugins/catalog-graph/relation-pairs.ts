/**
 * Backstage's catalog graph draws a relation and its inverse as one edge, labelled with the
 * first (primary) relation of the pair, pointing from the entity that holds it: a Group
 * `ownerOf` a Component, not also the Component `ownedBy` the Group. These are its pairs
 * (`ALL_RELATION_PAIRS` in @backstage/plugin-catalog-graph).
 */
export const relationPairs: readonly (readonly [primary: string, inverse: string])[] = [
  ['ownerOf', 'ownedBy'],
  ['consumesApi', 'apiConsumedBy'],
  ['apiProvidedBy', 'providesApi'],
  ['hasPart', 'partOf'],
  ['parentOf', 'childOf'],
  ['hasMember', 'memberOf'],
  ['dependsOn', 'dependencyOf'],
];

const primaryOf = new Map(relationPairs.flatMap(([primary, inverse]) => [[primary, primary], [inverse, primary]] as const));

/**
 * One relation as the edge the graph draws: `source type target` stays as it is when `type` is
 * primary (or in no pair), and is turned around into its primary otherwise.
 */
export function mergedEdge(source: string, type: string, target: string): { from: string; to: string; label: string } {
  const primary = primaryOf.get(type);
  if (primary === undefined || primary === type) return { from: source, to: target, label: type };
  return { from: target, to: source, label: primary };
}

/** The relation types `selected` names, with the other half of each pair it names one of. */
export function expandPairs(selected: readonly string[]): Set<string> {
  const types = new Set(selected);
  for (const [primary, inverse] of relationPairs) {
    if (types.has(primary) || types.has(inverse)) {
      types.add(primary);
      types.add(inverse);
    }
  }
  return types;
}
