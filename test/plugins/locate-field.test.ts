import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.ts';
import { locateField } from '../../src/plugins/locate-field.ts';
import { defaultLoadOptions, makeRepo, yaml } from '../support/temp-repos.ts';

const descriptor = yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Group
  metadata:
    name: team-a
  spec:
    type: team
    children: []
  ---
  apiVersion: backstage.io/v1alpha1
  kind: API
  metadata:
    name: orders
  spec:
    type: graphql
    lifecycle: production
    owner: team-a
    definition: |
      type Query {
        orders: [String!]!
      }
`;

async function loaded() {
  const repo = await makeRepo({ 'apis/catalog-info.yaml': descriptor }, 'shop');
  const catalog = await loadCatalog([repo], { ...defaultLoadOptions, catalogFiles: ['apis/*.yaml'] });
  return { repo, orders: catalog.entities.find((entity) => entity.metadata.name === 'orders')! };
}

describe("a plugin's context.locate", () => {
  it("finds a field of the entity's own document in a descriptor of several: its key, and where a literal block's text starts", async () => {
    const { repo, orders } = await loaded();
    expect(orders.source.line).toBe(9);
    expect(await locateField(repo, orders, ['spec', 'definition'], 1024 * 1024)).toEqual({ file: 'apis/catalog-info.yaml', line: 17, column: 3, block: { firstLine: 18, indent: 4 } });
    expect(await locateField(repo, orders, ['spec', 'owner'], 1024 * 1024)).toEqual({ file: 'apis/catalog-info.yaml', line: 16, column: 3 });
  });

  it('gives nothing for a field the entity does not write', async () => {
    const { repo, orders } = await loaded();
    expect(await locateField(repo, orders, ['spec', 'system'], 1024 * 1024)).toBeUndefined();
  });

  it('gives nothing once the descriptor is no longer the bytes the entity was built from, rather than a line in other text', async () => {
    const { repo, orders } = await loaded();
    await writeFile(join(repo.dir, 'apis/catalog-info.yaml'), `# moved down a line\n${descriptor}`);
    expect(await locateField(repo, orders, ['spec', 'definition'], 1024 * 1024)).toBeUndefined();
  });
});
