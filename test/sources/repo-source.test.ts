import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/sources/index.ts';
import { makeRepos } from '../support/temp-repos.ts';

describe('a repo source (one folder that is itself a repo, as check reads it)', () => {
  it('is one repo named after its folder, its subfolders part of it', async () => {
    const { root } = await makeRepos({ payments: { 'catalog-info.yaml': 'kind: Component\n', 'services/api/catalog-info.yaml': 'kind: API\n' } });
    const { repos, problems } = await resolveSources([{ type: 'repo', path: join(root, 'payments') }], { root, cacheDir: '.cache' });
    expect(repos).toEqual([{ name: 'payments', dir: join(root, 'payments') }]);
    expect(problems).toEqual([]);
  });

  it('is a located source problem when the path is a file or missing, not a crash', async () => {
    const { root } = await makeRepos({ payments: { 'catalog-info.yaml': 'kind: Component\n' } });
    const { repos, problems } = await resolveSources(
      [{ type: 'repo', path: join(root, 'payments', 'catalog-info.yaml') }, { type: 'repo', path: join(root, 'nowhere') }],
      { root, cacheDir: '.cache' },
    );
    expect(repos).toEqual([]);
    expect(problems.map(({ code, severity, message }) => ({ code, severity, message }))).toEqual([
      { code: 'source-failed', severity: 'error', message: 'The repo source could not be read: catalog-info.yaml is not a folder' },
      { code: 'source-failed', severity: 'error', message: expect.stringMatching(/^The repo source could not be read: ENOENT/) },
    ]);
  });
});
