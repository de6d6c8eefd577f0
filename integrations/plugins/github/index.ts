/**
 * The GitHub plugin: for entities annotated `github.com/project-slug: owner/repo`, the latest
 * workflow runs on the default branch (a CI status card, a CI/CD tab, a badge and a search
 * filter), the latest release, the open pull request count and the repo's languages.
 *
 *   github()                                                        // api.github.com, token from GITHUB_TOKEN
 *   github({ baseUrl: 'https://ghe.example/api/v3', tokenEnv: 'GHE_TOKEN' })  // GitHub Enterprise Server
 *
 * Requests go through Octokit (@octokit/rest) with Playbill's fetch, so they are cached,
 * bounded, retried and rate-limit aware like every plugin's. Five requests per repo.
 */
import { definePlugin, z, type CatalogEntity } from '../../plugin-api.ts';
import { fetchGithubData, GithubRequestFailure, parseSlug } from './fetch-github.ts';
import { githubDataSchema } from './github-data.ts';
import { catalogFields, renderBadges, renderCard, renderRunsTab, searchFilters } from './render-github.ts';

export const slugAnnotation = 'github.com/project-slug';

const optionsSchema = z
  .object({
    /** The REST API root; for GitHub Enterprise Server `https://HOST/api/v3`. */
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.github.com' })
      .default('https://api.github.com')
      .transform((url) => url.replace(/\/+$/, '')),
    /** Environment variable holding the token (or `${tokenEnv}_FILE` naming a file). Without one, GitHub allows 60 requests an hour. */
    tokenEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable, not the token itself')
      .default('GITHUB_TOKEN'),
    /** Workflow runs listed on the CI/CD tab. */
    runs: z.number().int().min(1).max(100).default(10),
  })
  .strict();

function slugOf(entity: CatalogEntity): string | undefined {
  return entity.metadata.annotations?.[slugAnnotation];
}

export const github = definePlugin({
  name: 'github',
  title: 'GitHub',
  // Lets the pipeline worker import this plugin and run it off the main thread.
  module: import.meta.url,
  options: optionsSchema,
  create: (options) => {
    // Once a response says the rate limit is spent beyond what the build waits for, the other
    // entities fail at once with the same reason instead of each queueing for the reset.
    let limitSpentUntil = 0;
    let limitSpentReason = '';
    return {
      // A Location is a pointer to descriptors, not something with CI of its own.
      appliesTo: (entity) => entity.kind !== 'Location' && Boolean(slugOf(entity)),
      data: githubDataSchema,
      // Entities of one repo (a monorepo's components) share one fetch of its data.
      fetchKey: (entity) => {
        try {
          const { owner, repo } = parseSlug(slugOf(entity)!);
          return `${owner}/${repo}`;
        } catch {
          return undefined; // fetch reports the annotation, for each entity
        }
      },
      fetch: async (entity, context) => {
        const slug = slugOf(entity)!;
        const token = context.secret(options.tokenEnv);
        if (Date.now() < limitSpentUntil) throw new Error(limitSpentReason);
        try {
          return await fetchGithubData(slug, context, { ...options, token });
        } catch (error) {
          if (error instanceof GithubRequestFailure && error.rateLimitResetAt !== undefined && error.rateLimitResetAt > Date.now()) {
            limitSpentUntil = error.rateLimitResetAt;
            limitSpentReason = error.message;
          }
          throw error;
        }
      },
      card: (data) => renderCard(data),
      tab: { title: 'CI/CD', slug: 'ci', render: (data) => renderRunsTab(data) },
      badges: (data) => renderBadges(data),
      search: (data) => searchFilters(data),
      catalog: (data) => catalogFields(data),
    };
  },
});

export default github;
