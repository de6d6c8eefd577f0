import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build-site.ts';
import { makeRepos, yaml } from '../support/temp-repos.ts';

const run = promisify(execFile);
const check = async (dir: string, args: string[] = []) => {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/playbill.ts', 'check', dir, ...args], { cwd: projectRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('npm run check -- REPO_DIR', () => {
  it('exits non-zero and prints file:line:column for an invalid descriptor', async () => {
    const { repos } = await makeRepos({
      svc: { 'catalog-info.yaml': yaml`
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: svc
          tags: [Bad_Tag]
        spec: { type: service, lifecycle: production }
      ` },
    });
    const result = await check(repos[0]!.dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('catalog-info.yaml:5:10: error: Invalid metadata.tags[0] "Bad_Tag"');
  });

  it('passes a valid repo whose references point to other repos, reporting them as warnings', async () => {
    const { repos } = await makeRepos({
      svc: { 'catalog-info.yaml': yaml`
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: svc
        spec: { type: service, lifecycle: production, owner: team-elsewhere }
      ` },
    });
    const result = await check(repos[0]!.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('warning: spec.owner refers to group:default/team-elsewhere');
  });

  it('checks the repo’s docs too: a broken link fails the check with its file and line', async () => {
    const { repos } = await makeRepos({
      svc: {
        'catalog-info.yaml': yaml`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: svc
            annotations: { backstage.io/techdocs-ref: "dir:." }
          spec: { type: service, lifecycle: production, owner: user:someone }
        `,
        'docs/index.md': '# Svc\n\nSee [the guide](guide.md).\n',
      },
    });
    const result = await check(repos[0]!.dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('docs/index.md:3:5: error: Link "guide.md" points to guide.md, which is not in the docs folder.');
    expect(result.stdout).toContain('1 docs pages');
  });

  it('reports a link to another repo’s docs page as a warning, not an error: only the portal’s build can resolve it', async () => {
    const { repos } = await makeRepos({
      svc: {
        'catalog-info.yaml': yaml`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: svc
            annotations: { backstage.io/techdocs-ref: "dir:." }
          spec: { type: service, lifecycle: production, owner: user:someone }
        `,
        'docs/index.md': '# Svc\n\nSee [the orders guide](/docs/default/component/orders/guide/).\n\nAnd [our missing page](/docs/default/component/svc/nowhere/).\n',
      },
    });
    const result = await check(repos[0]!.dir);
    // The link into svc's own docs can be checked here, and is still an error.
    expect(result.stdout).toContain('docs/index.md:5:5: error: Link "/docs/default/component/svc/nowhere/" points to a docs page that does not exist.');
    expect(result.stdout).toMatch(/docs\/index\.md:3:5: warning: Link "\/docs\/default\/component\/orders\/guide\/" points to the docs of component:default\/orders, which is not in this repo/);
    expect(result.stdout).toContain('1 errors, 2 warnings'); // and spec.owner's user:someone, not in this repo either
    expect(result.code).toBe(1);
  });

  it('passes a repo whose only cross-repo docs link is a warning, and fails it under --strict=warning', async () => {
    const { repos } = await makeRepos({
      svc: {
        'catalog-info.yaml': yaml`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: svc
            annotations: { backstage.io/techdocs-ref: "dir:." }
          spec: { type: service, lifecycle: production, owner: user:someone }
        `,
        'docs/index.md': '# Svc\n\nSee [the orders guide](/docs/default/component/orders/guide/).\n',
      },
    });
    expect((await check(repos[0]!.dir)).code).toBe(0);
    expect((await check(repos[0]!.dir, ['--strict=warning'])).code).toBe(1);
  });

  it('checks with the project’s config: a kind its customKinds declares is accepted, as the build accepts it', async () => {
    const { root, repos } = await makeRepos({
      models: { 'catalog-info.yaml': yaml`
        apiVersion: backstage.io/v1alpha1
        kind: AiResource
        metadata: { name: ranking-model }
        spec: { owner: user:ada }
      ` },
    });
    const config = join(root, 'portal.config.mjs');
    await writeFile(config, `import playbill from ${JSON.stringify(join(projectRoot, 'integrations/playbill.ts'))};\nexport default { integrations: [playbill({ customKinds: ['AiResource'] })] };\n`);
    const withDefaults = await check(repos[0]!.dir);
    expect(withDefaults.stdout).toContain('catalog-info.yaml:2:7: error: Unknown kind "AiResource"');
    const withConfig = await check(repos[0]!.dir, ['--config', config]);
    expect(withConfig.stdout).not.toContain('Unknown kind');
    expect(withConfig.stdout).toContain('models: 1 entities, 0 docs pages, 0 errors');
    expect(withConfig.code).toBe(0);
  });

  it('exits 2 with a reason when the config has no playbill() integration to check against', async () => {
    const { root, repos } = await makeRepos({ svc: { 'catalog-info.yaml': 'kind: Component\n' } });
    const config = join(root, 'other.config.mjs');
    await writeFile(config, 'export default { integrations: [] };\n');
    const result = await check(repos[0]!.dir, ['--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no playbill() integration');
  });
});
