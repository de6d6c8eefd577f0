import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.ts';

// Backstage's own example catalog, read in place (CI has ../shared beside the clone; a user's clone may not).
const corpus = fileURLToPath(new URL('../../../shared/corpus/backstage-examples', import.meta.url));
const present = existsSync(corpus);
if (!present) console.warn(`Skipping the Backstage corpus test: ${corpus} is absent (it ships beside the project in CI only).`);

describe.skipIf(!present)('the Backstage example catalog', () => {
  const load = (customKinds: string[] = []) =>
    loadCatalog([{ name: 'backstage-examples', dir: corpus }], { catalogFiles: ['**/*.yaml'], customKinds, maxFileBytes: 1024 * 1024 });

  it('loads every entity Backstage accepts, with the counts per kind the files contain', async () => {
    const catalog = await load();
    const counts: Record<string, number> = {};
    for (const entity of catalog.entities) counts[entity.kind] = (counts[entity.kind] ?? 0) + 1;
    expect(counts).toEqual({ User: 17, Component: 13, Location: 10, Group: 9, API: 8, Domain: 3, System: 3, Template: 1, Resource: 1 });
    expect(catalog.stats.documents).toBe(70 + 1); // 70 entity documents plus the OpenAPI file beside the webhook API
  });

  it('keeps two users with the same name in different namespaces apart', async () => {
    const catalog = await load();
    const guests = catalog.entities.filter((entity) => entity.kind === 'User' && entity.metadata.name === 'guest');
    expect(guests.map((guest) => guest.metadata.namespace).sort()).toEqual(['default', 'development']);
  });

  it('reports each document Backstage rejects, with its reason and line', async () => {
    const catalog = await load();
    const errors = catalog.problems.filter((problem) => problem.severity === 'error').map((problem) => [problem.file, problem.line, problem.code]);
    expect(errors).toEqual([
      ['ai-resources/code-review-plugin.yaml', 2, 'unknown-kind'],
      ['ai-resources/frontend-design-skill.yaml', 2, 'unknown-kind'],
      ['ai-resources/use-internal-apis-rule.yaml', 2, 'unknown-kind'],
      ['all-apis.yaml', 15, 'location-target-missing'], // apis/swapi-graphql.yaml was not copied
      ['apis/backstage-mcp-server-api.yaml', 9, 'invalid-entity'], // no spec.definition
      ['apis/petstore-webhook.oas.yaml', 1, 'not-an-entity'],
      ['sample-templates/docs-template/template.yaml', 1, 'unsupported-api-version'],
    ]);
    const mcp = catalog.problems.find((problem) => problem.entityRef === 'api:default/backstage-mcp-server');
    expect(mcp?.message).toBe('API is missing required field spec.definition.');
  });

  it('accepts AiResource once it is declared as a custom kind', async () => {
    const catalog = await load(['AiResource']);
    expect(catalog.entities.filter((entity) => entity.kind === 'AiResource')).toHaveLength(3);
    expect(catalog.problems.some((problem) => problem.code === 'unknown-kind')).toBe(false);
  });

  it('reports the owner that Backstage cannot resolve either, and writes owners in every form as refs', async () => {
    const catalog = await load();
    expect(catalog.problems).toContainEqual(
      expect.objectContaining({ code: 'dangling-relation', entityRef: 'component:default/playback-order', message: expect.stringContaining('group:default/guest') }),
    );
    const teamA = catalog.entities.find((entity) => entity.kind === 'Group' && entity.metadata.name === 'team-a')!;
    expect(teamA.relations.filter((relation) => relation.type === 'hasMember').length).toBeGreaterThan(0);
  });

  it('substitutes the webhook API definition from the file beside it', async () => {
    const catalog = await load();
    const webhook = catalog.entities.find((entity) => entity.metadata.name === 'petstore-webhook')!;
    expect(String(webhook.spec!.definition)).toMatch(/^openapi:/m);
  });
});
