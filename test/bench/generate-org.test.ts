import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
  type KindValidator,
} from '@backstage/catalog-model';
import { generateOrg, kindCounts } from '../../support/generate-org.ts';

const tmpRoots: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'playbill-genorg-'));
  tmpRoots.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpRoots) rmSync(d, { recursive: true, force: true });
});

/** Reads every repo's catalog-info.yaml back: repo name -> file text. */
function readOrg(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const repo of readdirSync(dir).sort()) out.set(repo, readFileSync(join(dir, repo, 'catalog-info.yaml'), 'utf8'));
  return out;
}

function loadEntities(dir: string): Entity[] {
  const all: Entity[] = [];
  for (const text of readOrg(dir).values()) {
    for (const doc of parseAllDocuments(text)) {
      expect(doc.errors).toEqual([]);
      all.push(doc.toJS() as Entity);
    }
  }
  return all;
}

const validators: Record<string, KindValidator> = {
  API: apiEntityV1alpha1Validator,
  Component: componentEntityV1alpha1Validator,
  Domain: domainEntityV1alpha1Validator,
  Group: groupEntityV1alpha1Validator,
  Resource: resourceEntityV1alpha1Validator,
  System: systemEntityV1alpha1Validator,
  User: userEntityV1alpha1Validator,
};

describe('generateOrg', { timeout: 60_000 }, () => {
  it('is deterministic for a given seed and differs across seeds', () => {
    const a = tmp();
    const b = tmp();
    const c = tmp();
    generateOrg({ entities: 500, dir: a, seed: 7 });
    generateOrg({ entities: 500, dir: b, seed: 7 });
    generateOrg({ entities: 500, dir: c, seed: 8 });
    expect(readOrg(a)).toEqual(readOrg(b));
    expect(readOrg(a)).not.toEqual(readOrg(c));
  });

  it('writes the requested number of entities, ~50 per repo, in the documented proportions', () => {
    const dir = tmp();
    const res = generateOrg({ entities: 2000, dir });
    expect(res.entities).toBe(2000);
    expect(res.repos).toBe(40);
    expect(readdirSync(dir)).toHaveLength(40);
    expect(res.byKind).toEqual({
      Domain: 20, System: 100, Group: 80, User: 400, Component: 900, API: 300, Resource: 200,
    });
    const entities = loadEntities(dir);
    expect(entities).toHaveLength(2000);
    const seen: Record<string, number> = {};
    for (const e of entities) seen[e.kind] = (seen[e.kind] ?? 0) + 1;
    expect(seen).toEqual(res.byKind);
    for (const text of readOrg(dir).values()) expect(parseAllDocuments(text)).toHaveLength(50);
  });

  it('handles odd totals exactly', () => {
    for (const n of [7, 13, 101, 1234]) {
      const counts = kindCounts(n);
      expect(Object.values(counts).reduce((x, y) => x + y, 0)).toBe(n);
      expect(Math.min(...Object.values(counts))).toBeGreaterThanOrEqual(1);
      const dir = tmp();
      expect(generateOrg({ entities: n, dir }).entities).toBe(n);
      expect(loadEntities(dir)).toHaveLength(n);
    }
    expect(() => kindCounts(6)).toThrow();
  });

  it('produces valid Backstage entities with unique names and resolvable references', async () => {
    const dir = tmp();
    generateOrg({ entities: 1000, dir, seed: 3 });
    const entities = loadEntities(dir);
    const refs = new Set<string>();
    for (const e of entities) {
      expect(e.metadata.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(e.metadata.name.length).toBeLessThanOrEqual(63);
      const ref = stringifyEntityRef(e);
      expect(refs.has(ref), `duplicate ${ref}`).toBe(false);
      refs.add(ref);
      expect(await validators[e.kind].check(e), `${ref} fails its kind schema`).toBe(true);
    }

    let checked = 0;
    const mustResolve = (value: unknown, defaultKind: string, from: string) => {
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
      for (const raw of list) {
        const ref = stringifyEntityRef(parseEntityRef(String(raw), { defaultKind, defaultNamespace: 'default' }));
        expect(refs.has(ref), `${from} -> ${raw} does not resolve`).toBe(true);
        checked++;
      }
    };
    const byRef = new Map(entities.map((e) => [stringifyEntityRef(e), e]));
    for (const e of entities) {
      const s = e.spec as Record<string, unknown>;
      const from = stringifyEntityRef(e);
      mustResolve(s.owner, 'group', from);
      mustResolve(s.system, 'system', from);
      mustResolve(s.domain, 'domain', from);
      mustResolve(s.parent, 'group', from);
      mustResolve(s.children, 'group', from);
      mustResolve(s.memberOf, 'group', from);
      mustResolve(s.providesApis, 'api', from);
      mustResolve(s.consumesApis, 'api', from);
      mustResolve(s.dependsOn, 'component', from);
      mustResolve(s.dependencyOf, 'component', from);
      // group hierarchy is consistent both ways
      if (e.kind === 'Group' && s.parent) {
        const parent = byRef.get(`group:default/${s.parent}`)!;
        expect((parent.spec as { children: string[] }).children).toContain(e.metadata.name);
      }
    }
    expect(checked).toBeGreaterThan(1000);

    // every API has exactly one provider, and dependsOn uses explicit kinds
    const providers = new Map<string, number>();
    for (const e of entities) {
      for (const a of ((e.spec as { providesApis?: string[] }).providesApis ?? [])) providers.set(a, (providers.get(a) ?? 0) + 1);
      for (const d of ((e.spec as { dependsOn?: string[] }).dependsOn ?? [])) expect(d).toMatch(/^(component|resource):/);
    }
    for (const e of entities.filter((x) => x.kind === 'API')) expect(providers.get(e.metadata.name)).toBe(1);
  });
});
