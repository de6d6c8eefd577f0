import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiDocs } from '../../../integrations/plugins/api-docs/index.ts';
import { loadCatalog } from '../../../src/catalog/index.ts';
import { runPlugins } from '../../../src/plugins/run-plugins.ts';
import type { Repo } from '../../../src/sources/repo.ts';
import { testStageOptions } from '../../support/plugin-stage.ts';
import { makeRepos, yaml } from '../../support/temp-repos.ts';

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'playbill-api-docs-cache-'));
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

const api = (name: string, definition: string) => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: API
  metadata:
    name: ${name}
  spec:
    type: openapi
    lifecycle: production
    owner: team-a
    definition:
      $text: ${definition}
`;

/** An OpenAPI document whose one response's schema is a relative `$ref`. */
const openApi = (title: string) => yaml`
  openapi: 3.0.3
  info: { title: ${title}, version: '1' }
  paths:
    /orders:
      get:
        responses:
          '200':
            description: Orders.
            content:
              application/json:
                schema: { $ref: './schemas/order.yaml' }
`;

async function stage(repos: Repo[]) {
  const catalog = await loadCatalog(repos, { catalogFiles: ['services/*/catalog-info.yaml'], customKinds: [], maxFileBytes: 1024 * 1024 });
  const result = await runPlugins([apiDocs()], catalog.entities, repos, testStageOptions(cacheDir, {
    transport: async () => {
      throw new Error('the API docs plugin makes no request');
    },
  }));
  return { catalog, result };
}

describe('the API docs plugin reads the definition the catalog read', () => {
  it('for `$text: /apis/orders.yaml` in a subfolder\'s descriptor: the file from the repo root, its $refs beside it, not a copy under the descriptor\'s folder', { timeout: 60_000 }, async () => {
    const { repos } = await makeRepos({
      shop: {
        'services/orders/catalog-info.yaml': api('orders', '/apis/orders.yaml'),
        'apis/orders.yaml': openApi('Orders'),
        'apis/schemas/order.yaml': 'type: object\nproperties:\n  orderId: { type: string }\n',
        // What `posix.join(descriptor folder, target)` would read instead.
        'services/orders/apis/orders.yaml': openApi('Decoy'),
        'services/orders/apis/schemas/order.yaml': 'type: object\nproperties:\n  decoyId: { type: string }\n',
      },
    });
    const { catalog, result } = await stage(repos);
    const orders = catalog.entities.find((entity) => entity.metadata.name === 'orders')!;
    expect(orders.provenance!.substitutions).toMatchObject([{ path: ['spec', 'definition'], placeholder: '$text', file: 'apis/orders.yaml' }]);
    expect(orders.spec!.definition).toContain('title: Orders');
    expect(result.problems).toEqual([]);
    const tab = JSON.stringify(result.byEntity.get('api:default/orders')!.tabs[0]!.content);
    expect(tab).toContain('orderId');
    expect(tab).not.toContain('decoy');
    expect(result.byEntity.get('api:default/orders')!.catalog['api-docs']).toMatchObject({ title: 'Orders' });
  });

  it('places a problem in that file, at its line', { timeout: 60_000 }, async () => {
    const { repos } = await makeRepos({
      shop: {
        'services/orders/catalog-info.yaml': api('orders', '/apis/orders.yaml'),
        'apis/orders.yaml': openApi('Orders'),
        // No apis/schemas/order.yaml: the $ref cannot be followed.
        'services/orders/apis/schemas/order.yaml': 'type: object\n',
      },
    });
    const { result } = await stage(repos);
    expect(result.problems).toMatchObject([
      {
        file: 'services/orders/catalog-info.yaml',
        entityRef: 'api:default/orders',
        code: 'plugin-failed',
        message: expect.stringMatching(/\$ref "\.\/schemas\/order\.yaml".* At line 11, column \d+ of apis\/orders\.yaml \(the definition's \$text file\)\.$/),
      },
    ]);
  });
});
