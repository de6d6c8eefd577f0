import { resolve } from 'node:path';
import type { Problem } from '../vocabulary/problems.ts';
import { directoryRepo, listDirectoryRepos } from './directory-source.ts';
import { checkoutGitRepo, repoNameFromUrl } from './git-source.ts';
import type { Repo } from './repo.ts';
import type { SourceConfig } from './source-options.ts';

export type { Repo } from './repo.ts';
export { repoNameFromUrl } from './git-source.ts';
export { readRepoFile, readRepoFileSync, realRepoDir, resolveRepoPath, resolveRepoUrlPath, type RepoFileError, type RepoFileResult, type RepoFileText } from './repo-files.ts';
export { runGit, GitError, type GitInvocation } from './git.ts';
export { gitRefSchema, gitUrlSchema, displayGitUrl } from './git-url.ts';
export { directorySourceSchema, gitSourceSchema, repoSourceSchema, sourceSchema, type SourceConfig } from './source-options.ts';
export { repoSummarySchema, type RepoSummary } from './repo-summary.ts';
export { RepoBudget, RepoBudgets, budgetLimitsSchema, repoBudgetUsageSchema, type BudgetLimits, type BudgetStage, type RepoBudgetUsage } from './repo-budget.ts';

export interface ResolvedRepos {
  repos: Repo[];
  problems: Problem[];
}

/**
 * Turns configured sources into checked-out repos. A source that cannot be read becomes a
 * problem; the other sources still build. Repo names must be unique: a later repo with a
 * taken name is reported and skipped.
 */
export async function resolveSources(
  sources: readonly SourceConfig[],
  options: { root: string; cacheDir: string },
): Promise<ResolvedRepos> {
  const repos: Repo[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, Repo>();
  for (const source of sources) {
    let found: Repo[];
    const label = source.type === 'git' ? (source.name ?? repoNameFromUrl(source.url)) : source.path;
    try {
      found =
        source.type === 'directory'
          ? await listDirectoryRepos(resolve(options.root, source.path))
          : source.type === 'repo'
            ? [await directoryRepo(resolve(options.root, source.path))]
            : [
                await checkoutGitRepo({
                  url: source.url,
                  ref: source.ref,
                  name: source.name,
                  cacheDir: resolve(options.root, options.cacheDir),
                }),
              ];
    } catch (error) {
      problems.push({
        severity: 'error',
        repo: label,
        file: '',
        line: 0,
        column: 0,
        code: 'source-failed',
        message: `The ${source.type} source could not be read: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    for (const repo of found) {
      const taken = seen.get(repo.name);
      if (taken) {
        problems.push({
          severity: 'error',
          repo: repo.name,
          file: '',
          line: 0,
          column: 0,
          code: 'source-failed',
          message: `Two sources provide a repo named "${repo.name}"; only the first is read. Give the git source a distinct \`name\`.`,
        });
        continue;
      }
      seen.set(repo.name, repo);
      repos.push(repo);
    }
  }
  return { repos, problems };
}
