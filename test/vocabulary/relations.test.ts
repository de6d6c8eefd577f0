import * as backstage from '@backstage/catalog-model';
import { describe, expect, it } from 'vitest';
import { drawnRelation, inverseRelation, relationHeading, relationPairs, relationTypes, relationWords } from '../../src/vocabulary/relations.ts';

describe('the relation table', () => {
  it("names exactly Backstage's relation types, each paired with its inverse", () => {
    const constants = Object.entries(backstage)
      .filter(([name]) => name.startsWith('RELATION_'))
      .map(([, value]) => value as string);
    expect(new Set(relationTypes)).toEqual(new Set(constants));
    expect(backstage.RELATION_OWNED_BY).toBe(relationPairs[0].type);
    expect(inverseRelation[backstage.RELATION_OWNED_BY]).toBe(backstage.RELATION_OWNER_OF);
    for (const [type, inverse] of Object.entries(inverseRelation)) expect(inverseRelation[inverse]).toBe(type);
  });

  it("draws each pair as @backstage/plugin-catalog-graph's ALL_RELATION_PAIRS does: the first of its pair", () => {
    // ALL_RELATION_PAIRS, as the catalog graph plugin declares it.
    const allRelationPairs = [
      ['ownerOf', 'ownedBy'],
      ['consumesApi', 'apiConsumedBy'],
      ['apiProvidedBy', 'providesApi'],
      ['hasPart', 'partOf'],
      ['parentOf', 'childOf'],
      ['hasMember', 'memberOf'],
      ['dependsOn', 'dependencyOf'],
    ];
    for (const [primary, inverse] of allRelationPairs) {
      expect(drawnRelation.get(primary!)).toBe(primary);
      expect(drawnRelation.get(inverse!)).toBe(primary);
    }
  });

  it('reads relation types aloud and as headings', () => {
    expect(relationTypes.map(relationHeading)).toEqual([
      'Owned by', 'Owner of', 'Part of', 'Has part', 'Provides API', 'API provided by', 'Consumes API', 'API consumed by',
      'Depends on', 'Dependency of', 'Child of', 'Parent of', 'Member of', 'Has member',
    ]);
    expect(relationWords('apiProvidedBy')).toBe('API provided by');
  });
});
