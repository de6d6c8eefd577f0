import { compareFiles, MalformedReportError, metric, shortenPaths, sumMetrics, type FileCoverage, type ParsedReport } from './coverage-report.ts';

/** What one `SF:` record says; DA/BRDA details are kept to merge records of the same file. */
interface LcovRecord {
  lines?: { found: number; hit: number };
  branches?: { found: number; hit: number };
  /** DA: line → hits. */
  lineHits: Map<number, number>;
  /** BRDA: "line,block,branch" → taken. */
  branchHits: Map<string, number>;
}

/**
 * Reads an lcov tracefile (geninfo's format, as Jest, c8, nyc, gcov and coverage.py write it):
 * records from `SF:<file>` to `end_of_record`, with the totals `LF`/`LH` (lines found/hit) and
 * `BRF`/`BRH` (branches). A record without totals is counted from its `DA`/`BRDA` lines; several
 * records for one file (merged test runs) are combined line by line.
 */
export function parseLcov(text: string): ParsedReport {
  const records = new Map<string, LcovRecord[]>();
  let current: LcovRecord | undefined;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line === 'end_of_record') {
      current = undefined;
      continue;
    }
    const colon = line.indexOf(':');
    const key = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1);
    const bad = (what: string) => new MalformedReportError('lcov', `line ${index + 1}: ${what}`);
    if (key === 'SF') {
      if (!value) throw bad('SF: without a file name');
      current = { lineHits: new Map(), branchHits: new Map() };
      records.set(value, [...(records.get(value) ?? []), current]);
      continue;
    }
    if (!/^[A-Z]+$/.test(key)) throw bad(`it is not an lcov line (\`KEY:value\`)`);
    if (!current) {
      if (key === 'TN') continue;
      throw bad(`${key}: outside an SF: record`);
    }
    const count = (raw: string) => {
      const number = Number(raw);
      if (raw === '' || !Number.isInteger(number) || number < 0) throw bad(`${key}: "${raw.slice(0, 20)}" is not a count`);
      return number;
    };
    switch (key) {
      case 'LF':
        current.lines = { found: count(value), hit: current.lines?.hit ?? 0 };
        break;
      case 'LH':
        current.lines = { found: current.lines?.found ?? 0, hit: count(value) };
        break;
      case 'BRF':
        current.branches = { found: count(value), hit: current.branches?.hit ?? 0 };
        break;
      case 'BRH':
        current.branches = { found: current.branches?.found ?? 0, hit: count(value) };
        break;
      case 'DA': {
        const [lineNumber, hits] = value.split(',');
        current.lineHits.set(count(lineNumber ?? ''), (current.lineHits.get(count(lineNumber ?? '')) ?? 0) + count(hits ?? ''));
        break;
      }
      case 'BRDA': {
        const parts = value.split(',');
        if (parts.length !== 4) throw bad(`BRDA: "${value}" needs line,block,branch,taken`);
        const taken = parts[3] === '-' ? 0 : count(parts[3]!);
        const id = parts.slice(0, 3).join(',');
        current.branchHits.set(id, (current.branchHits.get(id) ?? 0) + taken);
        break;
      }
      default:
        // TN, FN, FNDA, FNF, FNH, VER and the like: not needed for line and branch coverage.
        break;
    }
  }
  if (records.size === 0) throw new MalformedReportError('lcov', 'it has no SF: records');

  const shown = shortenPaths([...records.keys()]);
  const files: FileCoverage[] = [...records].map(([path, list]) => ({ path: shown.get(path)!, ...combine(list) }));
  files.sort(compareFiles);
  return {
    format: 'lcov',
    lines: sumMetrics(files.map((file) => file.lines)),
    branches: sumMetrics(files.map((file) => file.branches)),
    files,
  };
}

/** One file's counts from its records: the record's own totals when there is one record, else the union of its details. */
function combine(list: LcovRecord[]): Pick<FileCoverage, 'lines' | 'branches'> {
  const only = list.length === 1 ? list[0]! : undefined;
  const lineHits = new Map<number, number>();
  const branchHits = new Map<string, number>();
  for (const record of list) {
    for (const [line, hits] of record.lineHits) lineHits.set(line, (lineHits.get(line) ?? 0) + hits);
    for (const [id, taken] of record.branchHits) branchHits.set(id, (branchHits.get(id) ?? 0) + taken);
  }
  const fromDetails = <K,>(hits: Map<K, number>) => metric([...hits.values()].filter((count) => count > 0).length, hits.size);
  const fromTotals = (totals: { found: number; hit: number }) => metric(Math.min(totals.hit, totals.found), totals.found);
  const summed = (pick: (record: LcovRecord) => { found: number; hit: number } | undefined) =>
    sumMetrics(list.map((record) => fromTotals(pick(record) ?? { found: 0, hit: 0 })));
  return {
    lines: only?.lines ? fromTotals(only.lines) : lineHits.size > 0 ? fromDetails(lineHits) : summed((record) => record.lines),
    branches: only?.branches ? fromTotals(only.branches) : branchHits.size > 0 ? fromDetails(branchHits) : summed((record) => record.branches),
  };
}
