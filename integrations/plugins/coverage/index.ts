import { definePlugin, urlIsUnder, z, type PluginFetchContext } from '../../plugin-api.ts';
import { coverageReportSchema, type CoverageReport } from './coverage-report.ts';
import { coverageAnnotation, locateReport } from './locate-report.ts';
import { coverageBadges, coverageBand, renderCoverageCard, renderCoverageTab, type RenderSettings } from './render-coverage.ts';

/** Where reports usually are, relative to the descriptor's folder and then the repo root. */
export const defaultReportPaths = [
  'coverage/lcov.info',
  'lcov.info',
  'coverage/cobertura-coverage.xml',
  'coverage/coverage.xml',
  'coverage.xml',
  'coverage/coverage-summary.json',
];

const percent = z.number().min(0).max(100);

const optionsSchema = z
  .object({
    /** Candidate report paths for entities annotated `enabled` or `scm-only`; the first that exists is read. */
    reportPaths: z.array(z.string().min(1)).min(1).default(defaultReportPaths),
    /** Line coverage at or above `good` is green, at or above `fair` amber, below red. */
    thresholds: z.object({ good: percent.default(80), fair: percent.default(60) }).default({ good: 80, fair: 60 }),
    /** Files listed on the card; a report with more gets a "Coverage" tab listing every file. */
    cardFiles: z.number().int().min(1).default(10),
    /**
     * URLs a report URL in an annotation must be under (`https://ci.example.com/artifacts/`): the
     * same origin and whole path segments (`urlIsUnder`), for the URL and every redirect from it.
     * Empty (the default): report URLs are refused. Descriptors are untrusted, and a build runs
     * inside a network they should not get to probe (cloud metadata, internal services).
     */
    allowedUrls: z.array(z.url()).default([]),
  })
  .strict()
  .refine((options) => options.thresholds.fair <= options.thresholds.good, { message: 'thresholds.fair must not be above thresholds.good', path: ['thresholds'] });

/**
 * Code coverage from a report in the entity's repo or at a URL: lcov, Cobertura XML or Istanbul's
 * coverage-summary.json. For entities annotated `backstage.io/code-coverage`.
 */
export const coverage = definePlugin({
  name: 'coverage',
  title: 'Code coverage',
  // Lets the pipeline worker import this plugin and run it off the main thread.
  module: import.meta.url,
  options: optionsSchema,
  create: (options) => {
    const settings: RenderSettings = { thresholds: options.thresholds, cardFiles: options.cardFiles, tabSlug: 'coverage' };
    return {
      appliesTo: (entity) => typeof entity.metadata.annotations?.[coverageAnnotation] === 'string',
      data: coverageReportSchema,
      fetch: async (entity, context) => {
        const annotation = entity.metadata.annotations![coverageAnnotation]!;
        const location = locateReport(annotation, context.entityDir, options.reportPaths);
        const { text, source } = location.kind === 'url' ? await readUrl(location.url, context, options.allowedUrls) : await readFromRepo(location.paths, context);
        // The parsers (and the XML parser) load only when some entity has coverage.
        const { parseCoverageReport } = await import('./parse-report.ts');
        try {
          return { ...parseCoverageReport(text), source } satisfies CoverageReport;
        } catch (error) {
          throw new Error(`${source.location}: ${(error as Error).message}`);
        }
      },
      card: (report, entity) => renderCoverageCard(report, entity, settings),
      tab: { title: 'Coverage', slug: settings.tabSlug, render: (report) => renderCoverageTab(report, settings) },
      badges: (report) => coverageBadges(report, options.thresholds),
      search: (report): Record<string, string> => (report.lines.percent === null ? {} : { coverage: coverageBand(report.lines.percent, options.thresholds) }),
      catalog: (report) => ({ line: report.lines.percent, branch: report.branches.percent }),
    };
  },
});

export default coverage;

async function readFromRepo(paths: readonly string[], context: PluginFetchContext): Promise<{ text: string; source: CoverageReport['source'] }> {
  const otherFailures: string[] = [];
  for (const path of paths) {
    try {
      return { text: await context.readRepoFile(path), source: { kind: 'repo', location: path } };
    } catch (error) {
      const message = (error as Error).message;
      // A missing candidate is expected; anything else (too large, a symlink out of the repo) is worth saying.
      if (!/does not exist/.test(message)) otherFailures.push(message);
    }
  }
  const tried = paths.length === 1 ? paths[0] : `any of ${paths.join(', ')}`;
  throw new Error(otherFailures.length > 0 ? `no readable coverage report: ${otherFailures.join('; ')}` : `no coverage report at ${tried}`);
}

async function readUrl(url: string, context: PluginFetchContext, allowed: readonly string[]): Promise<{ text: string; source: CoverageReport['source'] }> {
  if (allowed.length === 0) {
    throw new Error(`the coverage report URL ${url} was not requested: report URLs must be allowed first (the coverage plugin's allowedUrls option)`);
  }
  if (!allowed.some((allowedUrl) => urlIsUnder(url, allowedUrl))) {
    throw new Error(`the coverage report URL ${url} is not under an allowed URL (the coverage plugin's allowedUrls option)`);
  }
  // Redirects are held to the same rule by the plugin fetch.
  const response = await context.fetch(url, { allowedUrls: allowed });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  return { text: await response.text(), source: { kind: 'url', location: url } };
}
