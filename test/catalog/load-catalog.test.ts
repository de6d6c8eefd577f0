import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.ts';
import { defaultLoadOptions, makeRepo, makeRepos, yaml } from '../support/temp-repos.ts';

const component = (name: string, owner = 'team') => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata:
    name: ${name}
  spec:
    type: service
    lifecycle: production
    owner: ${owner}
`;
const team = yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Group
  metadata:
    name: team
  spec:
    type: team
    children: []
`;
const location = (targets: string[]) => yaml`
  apiVersion: backstage.io/v1alpha1
  kind: Location
  metadata:
    name: root
  spec:
    targets:
${targets.map((target) => `      - ${target}`).join('\n')}
`;

const names = (catalog: Awaited<ReturnType<typeof loadCatalog>>) => catalog.entities.map((entity) => `${entity.kind}:${entity.metadata.name}`);

describe('loadCatalog', () => {
  it('loads every document of a multi-document catalog-info.yaml and remembers repo, file and line', async () => {
    const repo = await makeRepo({ 'catalog-info.yaml': `${component('web')}---\n${team}` }, 'shop');
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(catalog.problems).toEqual([]);
    expect(catalog.entities.map((entity) => [entity.metadata.name, entity.source])).toEqual([
      ['web', { repo: 'shop', file: 'catalog-info.yaml', line: 1 }],
      ['team', { repo: 'shop', file: 'catalog-info.yaml', line: 10 }],
    ]);
  });

  it('reads a repo whose folder is reached through a symlink', async () => {
    const { root } = await makeRepos({ real: { 'catalog-info.yaml': team }, links: { 'linked-repo': { symlink: '../real' } } });
    const catalog = await loadCatalog([{ name: 'linked', dir: `${root}/links/linked-repo` }], defaultLoadOptions);
    expect(catalog.problems).toEqual([]);
    expect(names(catalog)).toEqual(['Group:team']);
  });

  it('reads a root catalog-info.yaml that is a symlink to a file inside the repo', async () => {
    const repo = await makeRepo({ 'deploy/catalog.yaml': team, 'catalog-info.yaml': { symlink: 'deploy/catalog.yaml' } });
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(catalog.problems).toEqual([]);
    expect(catalog.entities.map((entity) => [entity.metadata.name, entity.source.file])).toEqual([['team', 'catalog-info.yaml']]);
  });

  it('refuses a root catalog-info.yaml symlinked outside the repo, with a problem rather than silence', async () => {
    const { repos } = await makeRepos({ app: { 'catalog-info.yaml': { symlink: '../other/secret.yaml' } }, other: { 'secret.yaml': component('secret') } });
    const catalog = await loadCatalog([repos[0]!], defaultLoadOptions);
    expect(catalog.entities).toEqual([]);
    expect(catalog.problems).toMatchObject([
      { code: 'unreadable-file', file: 'catalog-info.yaml', message: expect.stringContaining('resolves (through a symlink) to a file outside repo app') },
    ]);
  });

  it('reads catalog-info.yml and configured globs too', async () => {
    const repo = await makeRepo({ 'catalog-info.yml': team, 'services/a/catalog-info.yaml': component('a'), 'services/b/entity.yaml': component('b') });
    const catalog = await loadCatalog([repo], { ...defaultLoadOptions, catalogFiles: ['services/*/catalog-info.yaml'] });
    expect(names(catalog)).toEqual(['Component:a', 'Group:team']);
  });

  it('skips an entity with an invalid name and reports its line, keeping the rest of the file', async () => {
    const repo = await makeRepo({ 'catalog-info.yaml': `${team}---\n${component('Bad Name!')}---\n${component('good')}` });
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(names(catalog)).toEqual(['Component:good', 'Group:team']);
    expect(catalog.problems).toEqual([
      {
        severity: 'error', repo: 'repo', file: 'catalog-info.yaml', line: 12, column: 9, entityRef: 'component:default/Bad Name!', code: 'invalid-entity',
        message: 'Invalid metadata.name "Bad Name!": expected letters and digits, optionally separated by single "-", "_" or ".", at most 63 characters.',
      },
    ]);
  });

  it('reports a YAML syntax error with its line and still loads the other documents', async () => {
    const repo = await makeRepo({ 'catalog-info.yaml': `${team}---\nkind: [unclosed\n---\n${component('after')}` });
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(names(catalog)).toEqual(['Component:after', 'Group:team']);
    // An unclosed flow sequence is noticed where its document ends, at the next `---`.
    expect(catalog.problems).toMatchObject([{ code: 'yaml-syntax', severity: 'error', file: 'catalog-info.yaml', line: 10 }]);
  });

  it('keeps the first definition of a duplicate ref in repo order and reports the second where it is named', async () => {
    const { repos } = await makeRepos({ alpha: { 'catalog-info.yaml': `${component('web')}---\n${team}` }, beta: { 'catalog-info.yaml': component('web') } });
    const catalog = await loadCatalog(repos.reverse(), defaultLoadOptions);
    expect(catalog.entities.find((entity) => entity.metadata.name === 'web')!.source.repo).toBe('alpha');
    expect(catalog.problems).toEqual([
      expect.objectContaining({ repo: 'beta', line: 4, column: 9, code: 'duplicate-entity', message: expect.stringContaining('already defined in alpha/catalog-info.yaml:1') }),
    ]);
  });

  it('treats refs differing only in case as duplicates', async () => {
    const repo = await makeRepo({ 'catalog-info.yaml': `${team}---\n${component('Web')}---\n${component('web')}` });
    const catalog = await loadCatalog([repo], defaultLoadOptions);
    expect(catalog.problems).toMatchObject([{ code: 'duplicate-entity' }]);
  });

  it('refuses an oversized descriptor with a problem', async () => {
    const repo = await makeRepo({ 'catalog-info.yaml': `${team}# ${'x'.repeat(2000)}\n` });
    const catalog = await loadCatalog([repo], { ...defaultLoadOptions, maxFileBytes: 1000 });
    expect(catalog.entities).toEqual([]);
    expect(catalog.problems).toMatchObject([{ code: 'file-too-large', file: 'catalog-info.yaml', message: expect.stringContaining('maxFileBytes') }]);
  });

  it('sorts entities by ref and problems by location, so output is deterministic', async () => {
    const { repos } = await makeRepos({
      b: { 'catalog-info.yaml': `${component('zeta', 'nobody')}---\n${component('alpha', 'nobody')}` },
      a: { 'catalog-info.yaml': `${team}---\n${component('mid', 'ghost')}` },
    });
    const first = await loadCatalog(repos, defaultLoadOptions);
    const second = await loadCatalog([...repos].reverse(), defaultLoadOptions);
    expect(JSON.stringify(first)).toBe(JSON.stringify(second));
    expect(names(first)).toEqual(['Component:alpha', 'Component:mid', 'Component:zeta', 'Group:team']);
    expect(first.problems.map((problem) => `${problem.repo}:${problem.line}`)).toEqual(['a:16', 'b:8', 'b:17']);
  });

  describe('Location entities', () => {
    it('follows relative targets and globs inside the repo', async () => {
      const repo = await makeRepo({
        'catalog-info.yaml': location(['./org/team.yaml', './services/*.yaml']),
        'org/team.yaml': team,
        'services/a.yaml': component('a'),
        'services/b.yaml': component('b'),
        'unlisted.yaml': component('unlisted'),
      });
      const catalog = await loadCatalog([repo], defaultLoadOptions);
      expect(catalog.problems).toEqual([]);
      expect(names(catalog)).toEqual(['Component:a', 'Component:b', 'Group:team', 'Location:root']);
      expect(catalog.entities.find((entity) => entity.metadata.name === 'a')!.source.file).toBe('services/a.yaml');
    });

    it('resolves targets relative to the Location file, and follows nested Locations', async () => {
      const repo = await makeRepo({
        'catalog-info.yaml': location(['./catalog/all.yaml']),
        'catalog/all.yaml': location(['./team.yaml']).replace('name: root', 'name: nested'),
        'catalog/team.yaml': team,
      });
      const catalog = await loadCatalog([repo], defaultLoadOptions);
      expect(catalog.problems).toEqual([]);
      expect(names(catalog)).toEqual(['Group:team', 'Location:nested', 'Location:root']);
    });

    it('refuses a target that escapes the repo and reports the target line', async () => {
      const { repos } = await makeRepos({ app: { 'catalog-info.yaml': location(['./ok.yaml', '../other/catalog-info.yaml']), 'ok.yaml': team }, other: { 'catalog-info.yaml': component('secret') } });
      const catalog = await loadCatalog([repos[0]!], defaultLoadOptions);
      expect(names(catalog)).toEqual(['Group:team', 'Location:root']);
      expect(catalog.problems).toEqual([
        expect.objectContaining({ code: 'location-escape', repo: 'app', file: 'catalog-info.yaml', line: 8, column: 7, entityRef: 'location:default/root' }),
      ]);
    });

    it('reads a target starting with / from the repo root, as Backstage resolves it against the repo URL', async () => {
      const repo = await makeRepo({ 'deploy/catalog-info.yaml': location(['/catalog/team.yaml', '/etc/passwd', '/../../etc/passwd']), 'catalog/team.yaml': team });
      const catalog = await loadCatalog([repo], { ...defaultLoadOptions, catalogFiles: ['deploy/catalog-info.yaml'] });
      expect(names(catalog)).toEqual(['Group:team', 'Location:root']);
      expect(catalog.problems).toMatchObject([
        { code: 'location-target-missing', message: expect.stringContaining('etc/passwd does not exist in repo') },
        { code: 'location-escape', message: expect.stringContaining('/../../etc/passwd points outside repo') },
      ]);
    });

    it('says nothing of a missing target of an optional Location, and reports a required glob that matches nothing', async () => {
      const optional = location(['./missing.yaml', './services/*.yaml']).replace('spec:\n', 'spec:\n  presence: optional\n');
      const repo = await makeRepo({ 'catalog-info.yaml': optional, 'other.yaml': location(['./services/*.yaml']).replace('name: root', 'name: other') });
      const catalog = await loadCatalog([repo], { ...defaultLoadOptions, catalogFiles: ['other.yaml'] });
      expect(names(catalog)).toEqual(['Location:other', 'Location:root']);
      expect(catalog.problems).toEqual([
        expect.objectContaining({ severity: 'error', code: 'location-target-missing', file: 'other.yaml', message: expect.stringContaining('./services/*.yaml matches no files') }),
      ]);
    });

    it('refuses a symlink that points outside the repo', async () => {
      const { repos } = await makeRepos({ app: { 'catalog-info.yaml': location(['./linked.yaml']), 'linked.yaml': { symlink: '../other/secret.yaml' } }, other: { 'secret.yaml': component('secret') } });
      const catalog = await loadCatalog([repos[0]!], defaultLoadOptions);
      expect(names(catalog)).toEqual(['Location:root']);
      expect(catalog.problems).toMatchObject([{ code: 'location-escape', message: expect.stringContaining('symlink') }]);
    });

    it('reports a loop once and does not follow it', async () => {
      const repo = await makeRepo({
        'catalog-info.yaml': location(['./a.yaml']),
        'a.yaml': location(['./b.yaml']).replace('name: root', 'name: a'),
        'b.yaml': location(['./a.yaml']).replace('name: root', 'name: b'),
      });
      const catalog = await loadCatalog([repo], defaultLoadOptions);
      expect(names(catalog)).toEqual(['Location:a', 'Location:b', 'Location:root']);
      expect(catalog.problems).toEqual([
        expect.objectContaining({ code: 'location-loop', file: 'b.yaml', line: 7, message: expect.stringContaining('a.yaml → b.yaml → a.yaml') }),
      ]);
    });

    it('reports a missing target at the line that names it', async () => {
      const repo = await makeRepo({ 'catalog-info.yaml': location(['./team.yaml', './missing.yaml']), 'team.yaml': team });
      const catalog = await loadCatalog([repo], defaultLoadOptions);
      expect(catalog.problems).toEqual([expect.objectContaining({ code: 'location-target-missing', line: 8, message: expect.stringContaining('missing.yaml does not exist') })]);
    });

    it('does not follow a URL target and says so', async () => {
      const repo = await makeRepo({ 'catalog-info.yaml': location(['https://example.com/catalog-info.yaml']) });
      const catalog = await loadCatalog([repo], defaultLoadOptions);
      expect(catalog.problems).toMatchObject([{ code: 'location-remote', severity: 'warning' }]);
    });

    it('supports the single spec.target form', async () => {
      const repo = await makeRepo({
        'catalog-info.yaml': yaml`
          apiVersion: backstage.io/v1alpha1
          kind: Location
          metadata:
            name: single
          spec:
            type: url
            target: ./team.yaml
        `,
        'team.yaml': team,
      });
      const catalog = await loadCatalog([repo], defaultLoadOptions);
      expect(names(catalog)).toEqual(['Group:team', 'Location:single']);
    });
  });
});
