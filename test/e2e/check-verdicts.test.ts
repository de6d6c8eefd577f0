import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, z } from '../../integrations/plugin-api.ts';
import { checkOptions, checkRepo } from '../../scripts/check.ts';
import { parsePlaybillOptions, type PlaybillOptions } from '../../src/config/options.ts';
import { loadProjectOptions } from '../../src/config/project-config.ts';
import { runPipeline } from '../../src/pipeline.ts';
import type { Problem } from '../../src/vocabulary/problems.ts';
import { projectRoot } from '../support/build-site.ts';
import { makeRepos, yaml } from '../support/temp-repos.ts';

const org = join(projectRoot, 'content/example-org');
const verdict = ({ code, severity, file, line, column, message }: Problem) => `${file}:${line}:${column}: ${severity} ${code}: ${message}`;

/**
 * What only other repos can settle, seen from one repo: a relation target or a docs page in
 * another repo is a warning in check (and nothing in the build, or its own verdict there), and a
 * duplicate of another repo's entity can only be found by the build.
 */
const onlyCheckCanSay = (problem: Problem) =>
  problem.severity === 'warning' && (problem.code === 'dangling-relation' || (problem.code === 'broken-link' && problem.message.includes('which is not in this repo')));
const onlyTheBuildCanSay = (problem: Problem, repo: string) => problem.code === 'duplicate-entity' && !problem.message.includes(` in ${repo}/`);

describe('check and the build give one repo the same verdicts', () => {
  let project: PlaybillOptions;
  let built: Problem[];
  beforeAll(async () => {
    // The project's own config (astro.config.mjs), as the build loads it; the build over the whole
    // organisation runs the same network-free plugins, from the same options.
    project = await loadProjectOptions(projectRoot);
    const { root } = await makeRepos({});
    const options = { ...checkOptions(project, org, join(root, 'cache')), sources: [{ type: 'directory' as const, path: org }] };
    built = (await runPipeline(options, { root: projectRoot })).site.problems;
  }, 120_000);

  const repos = readdirSync(org, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  it.each(repos)('%s', { timeout: 60_000 }, async (repo) => {
    const checked = (await checkRepo(join(org, repo), project, projectRoot)).problems;
    const inBuild = built.filter((problem) => problem.repo === repo);
    const seenByCheck = new Set(checked.map(verdict));
    const seenByBuild = new Set(inBuild.map(verdict));
    // Every verdict of the build on this repo's files is check's too, but for what takes other repos to find;
    expect(inBuild.filter((problem) => !seenByCheck.has(verdict(problem)) && !onlyTheBuildCanSay(problem, repo)).map(verdict)).toEqual([]);
    // and what check says beyond the build is a warning about something only other repos resolve.
    expect(checked.filter((problem) => !seenByBuild.has(verdict(problem)) && !onlyCheckCanSay(problem)).map(verdict)).toEqual([]);
  });

  it('includes what the network-free plugins find, and what only the build can find stays out of check', { timeout: 60_000 }, async () => {
    const checked = (await checkRepo(join(org, 'retired-billing'), project, projectRoot)).problems;
    // The Invoices API's definition is deliberately invalid: the API docs plugin says so in both.
    const invalidDefinition = checked.filter((problem) => problem.code === 'plugin-failed' && problem.plugin === 'api-docs');
    expect(invalidDefinition).toHaveLength(1);
    expect(built.map(verdict)).toContain(verdict(invalidDefinition[0]!));
    // Its payments-db duplicates the payments repo's: only a build over both sees that.
    expect(built.some((problem) => problem.repo === 'retired-billing' && onlyTheBuildCanSay(problem, 'retired-billing'))).toBe(true);
    expect(checked.some((problem) => problem.code === 'duplicate-entity')).toBe(false);
  });
});

describe('check runs only the plugins that make no requests', () => {
  it('runs a network: false plugin and reports its problems, and never calls a plugin that may use the network', async () => {
    const { root, repos } = await makeRepos({
      svc: { 'catalog-info.yaml': yaml`
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: svc }
        spec: { type: service, lifecycle: production, owner: user:ada }
      ` },
    });
    const canary = join(root, 'network-plugin-ran');
    const networked = definePlugin({
      name: 'networked',
      title: 'Networked',
      create: () => ({
        appliesTo: () => true,
        data: z.object({}),
        fetch: async () => {
          const { writeFile } = await import('node:fs/promises');
          await writeFile(canary, 'ran');
          return {};
        },
      }),
    });
    const local = definePlugin({
      name: 'local-lint',
      title: 'Local lint',
      network: false,
      create: () => ({
        appliesTo: () => true,
        data: z.object({}),
        fetch: async () => {
          throw new Error('svc has no README.');
        },
      }),
    });
    const project = parsePlaybillOptions({ plugins: [networked(), local()] });
    const site = await checkRepo(repos[0]!.dir, project, root);
    expect(existsSync(canary)).toBe(false);
    const fromPlugins = site.problems.filter((problem) => problem.code === 'plugin-failed');
    expect(fromPlugins.map(({ code, plugin, file, line, message }) => ({ code, plugin, file, line, message }))).toEqual([
      { code: 'plugin-failed', plugin: 'local-lint', file: 'catalog-info.yaml', line: 1, message: expect.stringContaining('svc has no README.') },
    ]);
  });
});
