import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, projectRoot } from '../support/build-site.ts';
import { makeRepos } from '../support/temp-repos.ts';

/**
 * A plugin whose fetch (for one entity) and pages never settle, built through the real CLI: the
 * plugin stage runs on the pipeline worker, whose event loop such a promise once emptied (exit 13).
 */
const config = join(projectRoot, 'test/fixtures/silent-plugins/astro.config.mjs');
const component = (name: string, annotations: Record<string, string> = {}) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', `  name: ${name}`, `  annotations: ${JSON.stringify(annotations)}`, 'spec: { type: service, lifecycle: production, owner: user:ada }', ''].join('\n');

const outDirs: string[] = [];
afterAll(() => Promise.all(outDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('a build with a plugin that never answers', () => {
  it('completes on the worker, with a located problem for that entity and every other panel', async () => {
    const { root } = await makeRepos({
      quiet: { 'catalog-info.yaml': component('quiet', { 'silent/fetch': 'never' }) },
      chatty: { 'catalog-info.yaml': component('chatty') },
    });
    const built = await buildSite(['--config', config, '--repos', root]);
    outDirs.push(built.outDir);
    expect(built.code, built.stderr + built.stdout).toBe(0);
    expect(built.stdout).not.toContain('running on the main thread');
    const { problems } = JSON.parse(await readFile(join(built.outDir, 'problems.json'), 'utf8'));
    expect(problems.filter((problem: { code: string }) => problem.code === 'plugin-failed')).toEqual([
      expect.objectContaining({ code: 'plugin-failed', plugin: 'silent', message: 'Silent (silent plugin): its pages or files could not be built: did not answer within 400 ms' }),
      { severity: 'warning', repo: 'quiet', file: 'catalog-info.yaml', line: 1, column: 1, entityRef: 'component:default/quiet', code: 'plugin-failed', plugin: 'silent', message: 'Silent (silent plugin): did not answer within 400 ms' },
    ]);
    const quiet = await readFile(join(built.outDir, 'catalog/default/component/quiet/index.html'), 'utf8');
    expect(quiet).toContain('did not answer within 400 ms');
    expect(quiet).toContain('Notes for quiet');
    const chatty = await readFile(join(built.outDir, 'catalog/default/component/chatty/index.html'), 'utf8');
    expect(chatty).toContain('Silent answered');
    expect(chatty).toContain('Notes for chatty');
  }, 300_000);
});
