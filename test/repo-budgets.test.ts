import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definePlugin, z } from '../integrations/plugin-api.ts';
import { prepareEntityValidation } from '../src/catalog/index.ts';
import { parsePlaybillOptions, type PlaybillUserOptions } from '../src/config/options.ts';
import { runPipeline } from '../src/pipeline.ts';
import { makeRepos, type FileTree } from './support/temp-repos.ts';

const descriptor = (name: string, extra = '') =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    '    backstage.io/techdocs-ref: dir:.',
    extra,
    'spec: { type: service, lifecycle: production, owner: user:ada }',
    '',
  ].join('\n');

/** A plugin that takes its time for the entities of the repo named `slow`, as a slow service would. */
const slowForOneRepo = definePlugin({
  name: 'ticker',
  title: 'Ticker',
  create: () => ({
    appliesTo: () => true,
    data: z.object({ ticks: z.number() }),
    fetch: async (entity) => {
      if (entity.source.repo === 'slow') await new Promise((resolve) => setTimeout(resolve, 1200));
      return { ticks: 1 };
    },
    card: (data) => ({ blocks: [{ type: 'text', text: `${data.ticks} tick` }] }),
  }),
});

async function build(repos: Record<string, FileTree>, options: PlaybillUserOptions) {
  const { root } = await makeRepos(repos);
  const parsed = parsePlaybillOptions({ sources: [{ type: 'directory', path: root }], cacheDir: join(root, '.cache'), ...options });
  // The plugin stage is runPipeline's last: the budgets carry from the docs stage into it.
  const { site } = await runPipeline(parsed, { root });
  return site;
}

describe('per-repo budgets', () => {
  it("skips the rest of a repo's work once its time budget is spent, with one problem naming it, and every other repo complete", async () => {
    await prepareEntityValidation(); // compiled once per process, not charged to the first repo
    const site = await build(
      {
        slow: Object.fromEntries([
          ['catalog-info.yaml', ['a', 'b', 'c', 'd'].map((name) => descriptor(`slow-${name}`).replace('    backstage.io/techdocs-ref: dir:.\n', '    x/y: z\n')).join('---\n')],
        ]),
        calm: { 'catalog-info.yaml': descriptor('calm'), 'docs/index.md': '# Calm\n\nAll quiet.\n' },
      },
      { plugins: [slowForOneRepo()], budgets: { repoMs: 1000 }, fetch: { concurrency: 1 } },
    );
    expect(site.problems.filter((problem) => problem.code === 'budget-exceeded')).toEqual([
      {
        severity: 'error',
        repo: 'slow',
        file: 'catalog-info.yaml',
        line: expect.any(Number),
        column: 0,
        code: 'budget-exceeded',
        message: 'Repo slow used its time budget of 1 s (budgets.repoMs) in the plugins stage; 2 plugin calls were not made.',
      },
    ]);
    const cards = Object.fromEntries(site.views.map((view) => [view.ref, (view.cards ?? []).map((card) => card.content?.blocks ?? card.unavailable)]));
    // Two lanes (concurrency 1 × 2): slow-a and slow-b were under way before the budget ran out.
    for (const name of ['slow-a', 'slow-b']) expect(cards[`component:default/${name}`]).toEqual([[{ type: 'text', text: '1 tick' }]]);
    for (const name of ['slow-c', 'slow-d']) expect(cards[`component:default/${name}`]).toEqual(['not fetched: repo slow has used its time budget (budgets.repoMs)']);
    expect(cards['component:default/calm']).toEqual([[{ type: 'text', text: '1 tick' }]]);
    expect(site.docPages.map((page) => page.path)).toEqual(['docs/default/component/calm/']);
    // Counted once in the repo table, although the pipeline and the plugin stage each checked it.
    expect(site.repos.find((repo) => repo.name === 'slow')!.errors).toBe(1);
  }, 30_000);

  it('refuses further reads once a repo has read its byte budget: its remaining pages are skipped with one problem, other repos complete', async () => {
    const page = (title: string) => `# ${title}\n\n${'A sentence of some length for the page. '.repeat(100)}\n`;
    const site = await build(
      {
        big: {
          'catalog-info.yaml': descriptor('big'),
          ...Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((name) => [`docs/${name}.md`, page(`Page ${name}`)])),
        },
        small: { 'catalog-info.yaml': descriptor('small'), 'docs/index.md': page('Small') },
      },
      { budgets: { repoBytes: 20 * 1024 } },
    );
    expect(site.problems.filter((problem) => problem.repo === 'big' && problem.code !== 'dangling-relation')).toEqual([
      {
        severity: 'error',
        repo: 'big',
        file: 'docs/c.md',
        line: 0,
        column: 0,
        code: 'budget-exceeded',
        message: 'Repo big used its read budget of 20 KiB (budgets.repoBytes) in the docs stage; 4 docs pages were not rendered.',
      },
    ]);
    expect(site.docPages.map((docPage) => docPage.path)).toEqual(['docs/default/component/big/a/', 'docs/default/component/big/b/', 'docs/default/component/small/']);
    expect(site.entities.map((entity) => entity.metadata.name)).toEqual(['big', 'small']);
  });
});
