import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build-site.ts';
import { makeRepos, yaml } from '../support/temp-repos.ts';

const run = promisify(execFile);
const check = async (dir: string) => {
  try {
    const { stdout } = await run(process.execPath, ['scripts/playbill.ts', 'check', dir], { cwd: projectRoot });
    return { code: 0, stdout };
  } catch (error) {
    return { code: (error as { code: number }).code, stdout: (error as { stdout: string }).stdout };
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
});
