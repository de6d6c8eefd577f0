import { drawnRelation, inverseRelation } from '../../plugin-api.ts';

/**
 * One relation as the edge the graph draws: Backstage's catalog graph draws a relation and its inverse as one edge,
 * labelled with the type of the pair it draws (`drawnAs` in the vocabulary's relation table), pointing from the
 * entity that holds it. `source type target` stays as it is when `type` is that one (or in no pair), and is turned
 * around otherwise.
 */
export function mergedEdge(source: string, type: string, target: string): { from: string; to: string; label: string } {
  const drawn = drawnRelation.get(type);
  if (drawn === undefined || drawn === type) return { from: source, to: target, label: type };
  return { from: target, to: source, label: drawn };
}

/** The relation types `selected` names, with the other half of each pair it names one of. */
export function expandPairs(selected: readonly string[]): Set<string> {
  const types = new Set(selected);
  for (const type of selected) {
    const inverse = inverseRelation[type];
    if (inverse) types.add(inverse);
  }
  return types;
}
