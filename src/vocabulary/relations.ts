/**
 * Backstage's relation types, the one table of them: each relation with its inverse, in the order a reader wants them
 * on an entity page (a relation before its inverse), and which of the two Backstage's catalog graph draws an edge as
 * (`ALL_RELATION_PAIRS` in @backstage/plugin-catalog-graph: a Group `ownerOf` a Component, not the Component `ownedBy`
 * the Group). The catalog's field table (src/catalog/relations.ts) emits these types; the tests hold them to
 * @backstage/catalog-model's `RELATION_*` constants.
 */
export const relationPairs = [
  { type: 'ownedBy', inverse: 'ownerOf', drawnAs: 'ownerOf' },
  { type: 'partOf', inverse: 'hasPart', drawnAs: 'hasPart' },
  { type: 'providesApi', inverse: 'apiProvidedBy', drawnAs: 'apiProvidedBy' },
  { type: 'consumesApi', inverse: 'apiConsumedBy', drawnAs: 'consumesApi' },
  { type: 'dependsOn', inverse: 'dependencyOf', drawnAs: 'dependsOn' },
  { type: 'childOf', inverse: 'parentOf', drawnAs: 'parentOf' },
  { type: 'memberOf', inverse: 'hasMember', drawnAs: 'hasMember' },
] as const;

/** One of Backstage's relation types. */
export type RelationType = (typeof relationPairs)[number]['type'] | (typeof relationPairs)[number]['inverse'];

/** Every relation type, in reading order: each pair's relation, then its inverse. */
export const relationTypes: readonly RelationType[] = relationPairs.flatMap((pair) => [pair.type, pair.inverse]);

/** Each relation type's inverse, both ways. */
export const inverseRelation: Readonly<Record<string, string>> = Object.fromEntries(
  relationPairs.flatMap((pair) => [
    [pair.type, pair.inverse],
    [pair.inverse, pair.type],
  ]),
);

/** The type of each pair that the graph draws, for either of its two types. */
export const drawnRelation: ReadonlyMap<string, string> = new Map(relationPairs.flatMap((pair) => [[pair.type, pair.drawnAs], [pair.inverse, pair.drawnAs]] as const));

/** `ownerOf` → `owner of`, `apiProvidedBy` → `API provided by`: a relation type read aloud. */
export function relationWords(type: string): string {
  return type
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bapi\b/g, 'API');
}

/** `ownedBy` → `Owned by`, `apiProvidedBy` → `API provided by`: a relation type as a heading. */
export function relationHeading(type: string): string {
  const words = relationWords(type);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
