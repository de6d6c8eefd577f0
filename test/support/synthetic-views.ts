import { Rng } from '../../support/seeded-random.ts';
import type { EntityLink, EntityView } from '../../src/site/entity-view.ts';

const kinds = ['Component', 'Component', 'Component', 'API', 'Resource', 'System', 'Group', 'User'];
const types: Record<string, string[]> = { Component: ['service', 'website', 'library'], API: ['openapi', 'grpc'], Resource: ['database', 'queue'], Group: ['team'] };
const lifecycles = ['production', 'production', 'experimental', 'deprecated'];
const words = ['atlas', 'beacon', 'cobalt', 'delta', 'ember', 'falcon', 'garnet', 'harbor', 'indigo', 'juniper', 'kestrel', 'lumen'];
const tagPool = ['java', 'go', 'typescript', 'python', 'kafka', 'postgres', 'redis', 'grpc'];

const link = (kind: string, name: string, label: string, exists = true): EntityLink => ({
  ref: `${kind.toLowerCase()}:default/${name}`,
  label,
  kind,
  path: exists ? `catalog/default/${kind.toLowerCase()}/${name}/` : null,
});

/**
 * `count` page models of a made-up organisation (deterministic for a seed), for explorer tests
 * at sizes the example organisation does not reach: 1 in 50 owners dangles, 1 in 10 entities
 * has no owner, a few live in another namespace.
 */
export function syntheticViews(count: number, seed = 1): EntityView[] {
  const rng = new Rng(seed);
  const teams = Array.from({ length: Math.max(4, Math.round(count / 25)) }, (_, i) => link('Group', `team-${i}`, `Team ${words[i % words.length]} ${i}`));
  const systems = Array.from({ length: Math.max(3, Math.round(count / 20)) }, (_, i) => link('System', `system-${i}`, `System ${i}`));
  const views: EntityView[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.pick(kinds);
    const namespace = rng.chance(0.05) ? 'data' : 'default';
    const name = `${words[i % words.length]}-${kind.toLowerCase()}-${i}`;
    const type = types[kind] ? rng.pick(types[kind]) : undefined;
    const owner = kind === 'User' || rng.chance(0.1) ? undefined : rng.chance(0.02) ? link('Group', `gone-${i % 7}`, `group:default/gone-${i % 7}`, false) : rng.pick(teams);
    const system = ['Component', 'API', 'Resource'].includes(kind) ? rng.pick(systems) : undefined;
    const lifecycle = ['Component', 'API'].includes(kind) ? rng.pick(lifecycles) : undefined;
    views.push({
      ref: `${kind.toLowerCase()}:${namespace}/${name}`,
      kind,
      namespace,
      name,
      title: rng.chance(0.5) ? `${words[(i * 7) % words.length]} ${kind} ${i}` : name,
      description: `The ${rng.pick(words)} ${kind.toLowerCase()} number ${i}.`,
      path: `catalog/${namespace}/${kind.toLowerCase()}/${name}/`,
      ...(type ? { type } : {}),
      ...(lifecycle ? { lifecycle } : {}),
      ...(owner ? { owner } : {}),
      ...(system ? { system } : {}),
      tags: rng.sample(tagPool, rng.int(0, 3)),
      labels: [],
      annotations: [],
      links: [],
      source: { repo: 'synthetic', file: 'catalog-info.yaml', line: i + 1 },
      sections: [],
      relationGroups: [],
    });
  }
  return views.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}
