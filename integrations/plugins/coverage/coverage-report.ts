import { compareStrings, z } from '../../plugin-api.ts';

/**
 * One coverage report, whatever format it came in: totals and per-file counts. This is the
 * coverage plugin's data schema, so a parser bug that produces nonsense is caught as a problem.
 */

/** Covered of total; `percent` is null when there is nothing to cover (no branches, say). */
export const metricSchema = z.object({
  covered: z.number().int().nonnegative().optional(),
  total: z.number().int().nonnegative().optional(),
  percent: z.number().min(0).max(100).nullable(),
});
export type Metric = z.infer<typeof metricSchema>;

export const fileCoverageSchema = z.object({
  path: z.string(),
  lines: metricSchema,
  branches: metricSchema,
});
export type FileCoverage = z.infer<typeof fileCoverageSchema>;

export const reportFormatSchema = z.enum(['lcov', 'cobertura', 'istanbul']);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

export const coverageReportSchema = z.object({
  format: reportFormatSchema,
  /** Where the report was read: a repo-relative path or an http(s) URL. */
  source: z.object({ kind: z.enum(['repo', 'url']), location: z.string() }),
  lines: metricSchema,
  branches: metricSchema,
  /** Sorted by path. */
  files: z.array(fileCoverageSchema),
});
export type CoverageReport = z.infer<typeof coverageReportSchema>;

/** What a parser returns: the report without where it came from. */
export type ParsedReport = Omit<CoverageReport, 'source'>;

/** A metric from counts. */
export function metric(covered: number, total: number): Metric {
  return { covered, total, percent: total === 0 ? null : round2((covered / total) * 100) };
}

/** A metric from a 0–1 rate alone (a Cobertura report without counts). */
export function metricFromRate(rate: number): Metric {
  return { percent: round2(Math.min(1, Math.max(0, rate)) * 100) };
}

/** Adds counted metrics; a metric without counts makes the sum uncounted. */
export function sumMetrics(metrics: readonly Metric[]): Metric {
  let covered = 0;
  let total = 0;
  for (const item of metrics) {
    if (item.covered === undefined || item.total === undefined) return { percent: null };
    covered += item.covered;
    total += item.total;
  }
  return metric(covered, total);
}

/** The error a parser throws for a report it cannot read; its message becomes the problem. */
export class MalformedReportError extends Error {
  constructor(format: string, reason: string) {
    super(`the ${format} report is malformed: ${reason}`);
    this.name = 'MalformedReportError';
  }
}

/**
 * Report paths as people read them: tools write absolute paths from the CI machine
 * (`/home/runner/work/app/app/src/x.ts`), so a prefix shared by every absolute path is dropped.
 */
export function shortenPaths(paths: readonly string[]): Map<string, string> {
  const absolute = paths.filter((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path));
  const shortened = new Map(paths.map((path) => [path, path]));
  if (absolute.length === 0) return shortened;
  const split = absolute.map((path) => path.replace(/\\/g, '/').split('/'));
  let common = split[0]!.length - 1;
  for (const parts of split) {
    let index = 0;
    while (index < common && index < parts.length - 1 && parts[index] === split[0]![index]) index++;
    common = index;
  }
  for (let i = 0; i < absolute.length; i++) shortened.set(absolute[i]!, split[i]!.slice(common).join('/'));
  return shortened;
}

export function compareFiles(a: FileCoverage, b: FileCoverage): number {
  return compareStrings(a.path, b.path);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
