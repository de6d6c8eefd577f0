import { compareStrings, entityPagePath, toneForPercent, type Block, type CatalogEntity, type Cell, type PanelContent, type Tone } from '../../plugin-api.ts';
import type { CoverageReport, FileCoverage, Metric } from './coverage-report.ts';

/** Percentages at or above `good` are green, at or above `fair` amber, below it red. */
export interface Thresholds {
  good: number;
  fair: number;
}

export interface RenderSettings {
  thresholds: Thresholds;
  /** Files listed on the card; a longer report lists them all on the entity's coverage tab. */
  cardFiles: number;
  tabSlug: string;
}

const formatNames = { lcov: 'lcov', cobertura: 'Cobertura XML', istanbul: 'Istanbul coverage summary' } as const;

export function coverageTone(percent: number | null, thresholds: Thresholds): Tone {
  return percent === null ? 'neutral' : toneForPercent(percent, thresholds.good, thresholds.fair);
}

/** Whole percent for badges and headlines, rounded down so 99.6% never reads as 100%. */
export function wholePercent(percent: number): string {
  return `${Math.floor(percent)}%`;
}

/** The entity page card: two meters, the counts, where the report is, and the files (or the least covered ones). */
export function renderCoverageCard(report: CoverageReport, entity: CatalogEntity, settings: RenderSettings): PanelContent {
  const { thresholds } = settings;
  const blocks: Block[] = [meterOrText('Lines', report.lines, thresholds), meterOrText('Branches', report.branches, thresholds)];
  blocks.push({
    type: 'facts',
    items: [
      { label: 'Lines covered', value: counts(report.lines) },
      ...(hasBranches(report) ? [{ label: 'Branches covered', value: counts(report.branches) }] : []),
      {
        label: 'Report',
        value: [
          report.source.kind === 'url' ? { text: report.source.location, href: report.source.location } : { text: report.source.location, code: true },
          ` (${formatNames[report.format]})`,
        ],
      },
    ],
  });
  if (report.files.length <= settings.cardFiles) {
    blocks.push(fileTable(report.files, 'Coverage by file', hasBranches(report), settings));
  } else {
    const lowest = [...report.files]
      .sort((a, b) => (a.lines.percent ?? 101) - (b.lines.percent ?? 101) || compareStrings(a.path, b.path))
      .slice(0, settings.cardFiles);
    blocks.push(fileTable(lowest, `The ${lowest.length} files with the lowest line coverage`, hasBranches(report), settings));
    blocks.push({ type: 'text', text: { text: `All ${report.files.length} files`, href: `${entityPagePath(entity)}${settings.tabSlug}/` } });
  }
  const lines = report.lines.percent;
  return {
    status: lines === null ? undefined : { tone: coverageTone(lines, thresholds), label: `${wholePercent(lines)} of lines` },
    blocks,
  };
}

/** The coverage tab, only for reports too long for the card: every file, by path. */
export function renderCoverageTab(report: CoverageReport, settings: RenderSettings): PanelContent | null {
  if (report.files.length <= settings.cardFiles) return null;
  return {
    blocks: [
      meterOrText('Lines', report.lines, settings.thresholds),
      meterOrText('Branches', report.branches, settings.thresholds),
      fileTable(report.files, `Coverage of ${report.files.length} files`, hasBranches(report), settings),
    ],
  };
}

/** The badge on the entity page header and in the catalog explorer's row. */
export function coverageBadges(report: CoverageReport, thresholds: Thresholds): { label: string; value: string; tone: Tone }[] {
  const percent = report.lines.percent;
  return percent === null ? [] : [{ label: 'coverage', value: wholePercent(percent), tone: coverageTone(percent, thresholds) }];
}

/** The search filter's value: which band the line coverage is in. */
export function coverageBand(percent: number, thresholds: Thresholds): string {
  if (percent >= thresholds.good) return `≥ ${thresholds.good}%`;
  if (percent >= thresholds.fair) return `${thresholds.fair}–${thresholds.good}%`;
  return `< ${thresholds.fair}%`;
}

function meterOrText(label: string, value: Metric, thresholds: Thresholds): Block {
  if (value.percent === null) return { type: 'text', text: { text: `${label}: none measured in this report`, tone: 'neutral' } };
  return { type: 'meter', label, percent: value.percent, tone: coverageTone(value.percent, thresholds), low: thresholds.fair, high: thresholds.good };
}

/** Whether the report measured branches at all (Go's coverage, for one, does not). */
function hasBranches(report: CoverageReport): boolean {
  return report.branches.percent !== null || report.files.some((file) => file.branches.percent !== null);
}

function fileTable(files: readonly FileCoverage[], caption: string, branches: boolean, settings: RenderSettings): Block {
  return {
    type: 'table',
    caption,
    columns: [{ label: 'File' }, { label: 'Lines', numeric: true }, ...(branches ? [{ label: 'Branches', numeric: true }] : []), { label: 'Lines covered', numeric: true }],
    rows: files.map((file) => [
      { text: file.path, code: true },
      percentCell(file.lines, settings.thresholds),
      ...(branches ? [percentCell(file.branches, settings.thresholds)] : []),
      counts(file.lines),
    ]),
    empty: 'The report lists no files.',
  };
}

function percentCell(value: Metric, thresholds: Thresholds): Cell {
  if (value.percent === null) return { text: '—', title: 'nothing to cover' };
  return { text: `${value.percent.toFixed(1)}%`, tone: coverageTone(value.percent, thresholds) };
}

function counts(value: Metric): string {
  return value.covered === undefined || value.total === undefined ? '—' : `${value.covered} / ${value.total}`;
}
