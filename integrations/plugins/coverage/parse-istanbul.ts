import { compareFiles, MalformedReportError, metric, shortenPaths, type Metric, type ParsedReport } from './coverage-report.ts';

/**
 * Reads Istanbul's `coverage-summary.json` (the `json-summary` reporter of nyc, Jest, c8 and
 * Vitest): `total` plus one entry per file, each with `lines` and `branches` as
 * `{ total, covered, skipped, pct }` (`pct` is "Unknown" when there is nothing to cover).
 */
export function parseIstanbulSummary(text: string): ParsedReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MalformedReportError('Istanbul summary', `the JSON does not parse (${(error as Error).message})`);
  }
  if (!isObject(json) || !isObject(json.total)) throw new MalformedReportError('Istanbul summary', 'it has no "total" entry');
  const paths = Object.keys(json).filter((key) => key !== 'total');
  const shown = shortenPaths(paths);
  const files = paths.map((path) => {
    const entry = json[path];
    if (!isObject(entry)) throw new MalformedReportError('Istanbul summary', `the entry for ${path} is not an object`);
    return { path: shown.get(path)!, lines: counts(entry, 'lines', path), branches: counts(entry, 'branches', path) };
  });
  files.sort(compareFiles);
  return { format: 'istanbul', lines: counts(json.total, 'lines', 'total'), branches: counts(json.total, 'branches', 'total'), files };
}

function counts(entry: Record<string, unknown>, name: 'lines' | 'branches', where: string): Metric {
  const value = entry[name];
  if (!isObject(value)) throw new MalformedReportError('Istanbul summary', `"${where}" has no "${name}"`);
  const { total, covered } = value;
  if (!isCount(total) || !isCount(covered)) {
    throw new MalformedReportError('Istanbul summary', `"${where}".${name} needs whole-number "total" and "covered"`);
  }
  return metric(Math.min(covered, total), total);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
