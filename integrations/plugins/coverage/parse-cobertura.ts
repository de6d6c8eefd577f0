import { XMLParser } from 'fast-xml-parser';
import { compareFiles, MalformedReportError, metric, metricFromRate, sumMetrics, type FileCoverage, type Metric, type ParsedReport } from './coverage-report.ts';

type Attributes = Record<string, string | undefined>;
type LineElement = Attributes;
/** A `<class>`: its attributes, and its `<lines>` (an empty string when the element is empty). */
type ClassElement = Attributes & { lines?: { line?: LineElement[] } | '' };

/** Untrusted XML: entities are not expanded at all (no billion laughs), nothing is evaluated. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ['package', 'class', 'line', 'source'].includes(name),
});

/**
 * Reads a Cobertura XML report (coverage.py, Istanbul's `cobertura` reporter, JaCoCo converters,
 * gcovr, .NET coverlet): totals from `<coverage>` (`lines-covered`/`lines-valid`,
 * `branches-covered`/`branches-valid`, else `line-rate`/`branch-rate`), files from each
 * `<class filename>`, counted from its `<line>`s (several classes of one file are merged by line).
 */
export function parseCobertura(text: string): ParsedReport {
  let document: { coverage?: Attributes & { packages?: { package?: { classes?: { class?: ClassElement[] } | '' }[] } | '' } };
  try {
    document = parser.parse(text, true);
  } catch (error) {
    throw new MalformedReportError('Cobertura', `the XML does not parse (${(error as Error).message.split('\n')[0]})`);
  }
  const root = document.coverage;
  if (!root || typeof root !== 'object') throw new MalformedReportError('Cobertura', 'its root element is not <coverage>');

  // line number → hits, and branch conditions (covered, total) per line, per file.
  const byFile = new Map<string, { hits: Map<number, number>; conditions: Map<number, [number, number]>; lineRate?: string; branchRate?: string }>();
  const packages = typeof root.packages === 'object' ? (root.packages.package ?? []) : [];
  for (const pkg of packages) {
    const classes = typeof pkg.classes === 'object' ? (pkg.classes.class ?? []) : [];
    for (const cls of classes) {
      const filename = cls.filename === undefined ? undefined : decodePredefinedEntities(cls.filename);
      if (!filename) throw new MalformedReportError('Cobertura', `<class name="${cls.name ?? '?'}"> has no filename`);
      let entry = byFile.get(filename);
      if (!entry) byFile.set(filename, (entry = { hits: new Map(), conditions: new Map(), lineRate: cls['line-rate'], branchRate: cls['branch-rate'] }));
      for (const line of typeof cls.lines === 'object' ? (cls.lines.line ?? []) : []) {
        const number = integer(line.number, `<line number> in ${filename}`);
        entry.hits.set(number, (entry.hits.get(number) ?? 0) + integer(line.hits ?? '0', `<line hits> in ${filename}`));
        // condition-coverage="50% (1/2)"
        const condition = /\((\d+)\/(\d+)\)/.exec(line['condition-coverage'] ?? '');
        if (line.branch === 'true' && condition) {
          const [covered, total] = [Number(condition[1]), Number(condition[2])];
          const before = entry.conditions.get(number);
          entry.conditions.set(number, before ? [Math.max(before[0], covered), Math.max(before[1], total)] : [covered, total]);
        }
      }
    }
  }

  const files: FileCoverage[] = [...byFile].map(([path, entry]) => {
    const conditions = [...entry.conditions.values()];
    return {
      path,
      lines:
        entry.hits.size > 0
          ? metric([...entry.hits.values()].filter((hits) => hits > 0).length, entry.hits.size)
          : entry.lineRate !== undefined
            ? metricFromRate(rate(entry.lineRate, `line-rate of ${path}`))
            : metric(0, 0),
      branches:
        conditions.length > 0 || entry.hits.size > 0
          ? metric(conditions.reduce((sum, [covered]) => sum + covered, 0), conditions.reduce((sum, [, total]) => sum + total, 0))
          : entry.branchRate !== undefined
            ? metricFromRate(rate(entry.branchRate, `branch-rate of ${path}`))
            : metric(0, 0),
    };
  });
  files.sort(compareFiles);
  if (files.length === 0 && root['line-rate'] === undefined) throw new MalformedReportError('Cobertura', 'it has no classes and no line-rate');

  return {
    format: 'cobertura',
    lines: total(root, 'lines', 'line-rate', files.map((file) => file.lines)),
    branches: total(root, 'branches', 'branch-rate', files.map((file) => file.branches)),
    files,
  };
}

/** A total from the root's counts, else its rate, else the files' sum. */
function total(root: Attributes, counts: 'lines' | 'branches', rateName: string, fileMetrics: Metric[]): Metric {
  const covered = root[`${counts}-covered`];
  const valid = root[`${counts}-valid`];
  if (covered !== undefined && valid !== undefined) {
    const validCount = integer(valid, `${counts}-valid`);
    return metric(Math.min(integer(covered, `${counts}-covered`), validCount), validCount);
  }
  const summed = sumMetrics(fileMetrics);
  if (summed.total !== undefined && summed.total > 0) return summed;
  return root[rateName] !== undefined ? metricFromRate(rate(root[rateName]!, rateName)) : summed;
}

/** XML's five predefined entities only: declared (DTD) entities stay as written, never expanded. */
function decodePredefinedEntities(text: string): string {
  const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => predefined[name]!);
}

function integer(raw: string | undefined, what: string): number {
  const number = Number(raw);
  if (raw === undefined || raw === '' || !Number.isInteger(number) || number < 0) throw new MalformedReportError('Cobertura', `${what} is "${raw ?? ''}", not a count`);
  return number;
}

function rate(raw: string, what: string): number {
  const number = Number(raw);
  if (raw === '' || !Number.isFinite(number) || number < 0 || number > 1) throw new MalformedReportError('Cobertura', `${what} is "${raw}", not a rate between 0 and 1`);
  return number;
}
