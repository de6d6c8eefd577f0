import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFileSchema, loadCatalog } from '../../src/catalog/index.ts';
import { RepoBudget } from '../../src/sources/repo-budget.ts';
import { defaultLoadOptions, makeRepo, yaml } from '../support/temp-repos.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const location = (name: string, target: string) => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Location
  metadata:
    name: ${name}
  spec:
    target: ${target}
`;

const api = (name: string, definition: string, extra = '') => yaml`
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
${extra}`;

/** A repo whose API is two Locations deep, with a `$text` from the repo root and a `$json`/`$yaml` beside it. */
const files = {
  'catalog-info.yaml': location('root', './teams/catalog.yaml'),
  'teams/catalog.yaml': location('teams', './orders/catalog-info.yaml'),
  'teams/orders/catalog-info.yaml': api(
    'orders',
    '/apis/orders.yaml',
    ['    meta:', '      $json: ./meta.json', '    servers:', '      - $yaml: ../servers.yaml', ''].join('\n'),
  ),
  'apis/orders.yaml': 'openapi: 3.0.3\ninfo: { title: Orders, version: "1" }\npaths: {}\n',
  'teams/orders/meta.json': '{"tier":1}',
  'teams/servers.yaml': 'url: https://orders.example\n',
};

describe('where each entity came from', () => {
  it('records the descriptor, the Location chain from the root down and each substituted file, each with the sha256 of the bytes read', async () => {
    const repo = await makeRepo(files, 'shop');
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(catalog.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const orders = catalog.entities.find((entity) => entity.metadata.name === 'orders')!;
    expect(orders.source).toEqual({ repo: 'shop', file: 'teams/orders/catalog-info.yaml', line: 1 });
    expect(orders.provenance).toEqual({
      descriptor: { file: 'teams/orders/catalog-info.yaml', sha256: sha256(files['teams/orders/catalog-info.yaml']) },
      locations: [
        { file: 'catalog-info.yaml', sha256: sha256(files['catalog-info.yaml']) },
        { file: 'teams/catalog.yaml', sha256: sha256(files['teams/catalog.yaml']) },
      ],
      substitutions: [
        // `/apis/orders.yaml` is read from the repo root, as Backstage resolves it against the repo's URL.
        { path: ['spec', 'definition'], placeholder: '$text', file: 'apis/orders.yaml', sha256: sha256(files['apis/orders.yaml']) },
        { path: ['spec', 'meta'], placeholder: '$json', file: 'teams/orders/meta.json', sha256: sha256(files['teams/orders/meta.json']) },
        { path: ['spec', 'servers', 0], placeholder: '$yaml', file: 'teams/servers.yaml', sha256: sha256(files['teams/servers.yaml']) },
      ],
    });
    expect(orders.spec!.definition).toBe(files['apis/orders.yaml']);
    // The Locations themselves: the root one has no chain, the nested one the root above it.
    const root = catalog.entities.find((entity) => entity.metadata.name === 'root')!;
    expect(root.provenance).toEqual({ descriptor: { file: 'catalog-info.yaml', sha256: sha256(files['catalog-info.yaml']) }, locations: [], substitutions: [] });
    expect(catalog.entities.find((entity) => entity.metadata.name === 'teams')!.provenance!.locations).toEqual([{ file: 'catalog-info.yaml', sha256: sha256(files['catalog-info.yaml']) }]);
  });

  it('digests the bytes as read, not the text they decode to: a descriptor in Latin-1 is told apart from its UTF-8 reading', async () => {
    const repo = await makeRepo({ 'orders.yaml': 'openapi: 3.0.3\n' });
    const bytes = Buffer.from(`# Commandes, café\n${api('orders', './orders.yaml')}`, 'latin1');
    await writeFile(join(repo.dir, 'catalog-info.yaml'), bytes);
    const [orders] = (await loadCatalog([repo], defaultLoadOptions)).entities;
    expect(orders!.provenance!.descriptor.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(orders!.provenance!.descriptor.sha256).not.toBe(sha256(bytes.toString('utf8')));
  });

  it('reads each file once: the bytes charged to the repo are the sizes of the files it was built from', async () => {
    const repo = await makeRepo(files, 'shop');
    const budget = new RepoBudget('shop', { repoMs: 60_000, repoBytes: 1024 * 1024 });
    await loadCatalog([{ ...repo, budget }], defaultLoadOptions);
    const total = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    expect(budget.usage().bytes).toBe(total);
  });

  it('is catalog.json material: repo-relative paths only, nothing of the machine it was built on', async () => {
    const repo = await makeRepo(files, 'shop');
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    const json = JSON.stringify({ entities: catalog.entities });
    expect(json).not.toContain(repo.dir);
    expect(catalogFileSchema.parse(JSON.parse(json)).entities.map((entity) => entity.provenance)).toEqual(catalog.entities.map((entity) => entity.provenance));
    for (const entity of catalog.entities) {
      const { descriptor, locations, substitutions } = entity.provenance!;
      for (const { file } of [descriptor, ...locations, ...substitutions]) expect(file).toMatch(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\]+$/);
    }
  });
});
