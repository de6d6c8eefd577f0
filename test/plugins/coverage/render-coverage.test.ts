import { describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../../../integrations/plugin-api.ts';
import { metric, type CoverageReport } from '../../../integrations/plugins/coverage/coverage-report.ts';
import { locateReport } from '../../../integrations/plugins/coverage/locate-report.ts';
import { coverageBadges, coverageBand, coverageTone, renderCoverageCard, renderCoverageTab, wholePercent } from '../../../integrations/plugins/coverage/render-coverage.ts';

const thresholds = { good: 80, fair: 60 };
const settings = { thresholds, cardFiles: 2, tabSlug: 'coverage' };
const entity = { kind: 'Component', metadata: { name: 'orders', namespace: 'default' } } as CatalogEntity;

function report(lines: number, files: [string, number][] = []): CoverageReport {
  return {
    format: 'lcov',
    source: { kind: 'repo', location: 'coverage/lcov.info' },
    lines: metric(lines, 100),
    branches: metric(0, 0),
    files: files.map(([path, covered]) => ({ path, lines: metric(covered, 10), branches: metric(1, 2) })),
  };
}

describe('badge and tone', () => {
  it('colours a percentage by the thresholds: good and above ok, fair and above warning, below that error', () => {
    expect([80, 79.99, 60, 59.9, null].map((percent) => coverageTone(percent, thresholds))).toEqual(['ok', 'warning', 'warning', 'error', 'neutral']);
    expect(coverageTone(70, { good: 70, fair: 50 })).toBe('ok');
  });

  it('gives a coverage badge with the line percentage rounded down, and none when there are no lines', () => {
    expect(coverageBadges(report(81), thresholds)).toEqual([{ label: 'coverage', value: '81%', tone: 'ok' }]);
    expect(coverageBadges({ ...report(0), lines: { covered: 995, total: 1000, percent: 99.5 } }, thresholds)[0]!.value).toBe('99%');
    expect(coverageBadges({ ...report(0), lines: metric(0, 0) }, thresholds)).toEqual([]);
    expect(wholePercent(59.99)).toBe('59%');
  });

  it('puts line coverage in a search band named by the thresholds', () => {
    expect([92, 80, 65, 12].map((percent) => coverageBand(percent, thresholds))).toEqual(['≥ 80%', '≥ 80%', '60–80%', '< 60%']);
  });
});

describe('card and tab', () => {
  it('shows meters, counts and every file on the card when the report is short, and no tab', () => {
    const short = report(75, [['a.ts', 9], ['b.ts', 5]]);
    const card = renderCoverageCard(short, entity, settings);
    expect(card.status).toEqual({ tone: 'warning', label: '75% of lines' });
    expect(card.blocks[0]).toEqual({ type: 'meter', label: 'Lines', percent: 75, tone: 'warning', low: 60, high: 80 });
    expect(card.blocks[1]).toEqual({ type: 'text', text: { text: 'Branches: none measured in this report', tone: 'neutral' } });
    const table = card.blocks.find((block) => block.type === 'table');
    expect(table).toMatchObject({ caption: 'Coverage by file', rows: [[{ text: 'a.ts' }, { text: '90.0%', tone: 'ok' }, { text: '50.0%', tone: 'error' }, '9 / 10'], expect.anything()] });
    expect(renderCoverageTab(short, settings)).toBeNull();
  });

  it('leaves the branch column and count out when the report measured no branches', () => {
    const noBranches = { ...report(75, [['main.go', 9]]), files: [{ path: 'main.go', lines: metric(9, 10), branches: metric(0, 0) }] };
    const card = renderCoverageCard(noBranches, entity, settings);
    expect(card.blocks.find((block) => block.type === 'table')).toMatchObject({ columns: [{ label: 'File' }, { label: 'Lines' }, { label: 'Lines covered' }], rows: [[{ text: 'main.go' }, { text: '90.0%' }, '9 / 10']] });
    expect(card.blocks.find((block) => block.type === 'facts')).toMatchObject({ items: [{ label: 'Lines covered' }, { label: 'Report' }] });
  });

  it('lists the least covered files on the card and links to a tab with all of them when the report is long', () => {
    const long = report(50, [['a.ts', 9], ['b.ts', 2], ['c.ts', 4]]);
    const card = renderCoverageCard(long, entity, settings);
    const table = card.blocks.find((block) => block.type === 'table')!;
    expect(table).toMatchObject({ caption: 'The 2 files with the lowest line coverage' });
    expect((table as { rows: { text: string }[][] }).rows.map((row) => row[0]!.text)).toEqual(['b.ts', 'c.ts']);
    expect(card.blocks.at(-1)).toEqual({ type: 'text', text: { text: 'All 3 files', href: 'catalog/default/component/orders/coverage/' } });
    const tab = renderCoverageTab(long, settings)!;
    expect((tab.blocks.at(-1) as { rows: { text: string }[][] }).rows.map((row) => row[0]!.text)).toEqual(['a.ts', 'b.ts', 'c.ts']);
  });
});

describe('where the report is', () => {
  const candidates = ['coverage/lcov.info', 'coverage.xml'];

  it('tries the candidate paths next to the descriptor, then at the repo root, for enabled and scm-only', () => {
    expect(locateReport('enabled', 'services/orders', candidates)).toEqual({
      kind: 'repo',
      paths: ['services/orders/coverage/lcov.info', 'coverage/lcov.info', 'services/orders/coverage.xml', 'coverage.xml'],
    });
    expect(locateReport('scm-only', '', candidates)).toEqual({ kind: 'repo', paths: candidates });
  });

  it('takes a path or an http(s) URL as the annotation value', () => {
    expect(locateReport('reports/cobertura.xml', 'svc', candidates)).toEqual({ kind: 'repo', paths: ['svc/reports/cobertura.xml', 'reports/cobertura.xml'] });
    expect(locateReport('../shared/lcov.info', 'svc/a', candidates)).toEqual({ kind: 'repo', paths: ['svc/shared/lcov.info'] });
    expect(locateReport('https://ci.example.com/orders/lcov.info', '', candidates)).toEqual({ kind: 'url', url: 'https://ci.example.com/orders/lcov.info' });
  });

  it('refuses a path that leaves the repo and a URL that is not http(s)', () => {
    expect(() => locateReport('../../etc/passwd', 'svc', candidates)).toThrow('the coverage report path "../../etc/passwd" leaves the repo');
    expect(() => locateReport('/etc/passwd', '', candidates)).toThrow('leaves the repo');
    expect(() => locateReport('file:///etc/passwd', '', candidates)).toThrow('is neither enabled, scm-only, a path in the repo nor an http(s) URL');
  });
});
