import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GithubData, WorkflowRun } from '../../../integrations/plugins/github/github-data.ts';
import { mapLanguages, mapRelease, mapRepository, mapWorkflowRuns } from '../../../integrations/plugins/github/map-github.ts';
import {
  catalogFields,
  formatDuration,
  formatTime,
  renderBadges,
  renderCard,
  renderRunsTab,
  searchFilters,
} from '../../../integrations/plugins/github/render-github.ts';
import { panelContentSchema } from '../../../src/plugins/panel-view.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'));

/** The documented example repo, with its runs (in progress, failed, succeeded), release and languages. */
function data(overrides: Partial<GithubData> = {}): GithubData {
  return {
    ...mapRepository(fixture('repository'), 'repo'),
    runs: mapWorkflowRuns(fixture('workflow-runs'), 'runs'),
    latestRelease: mapRelease(fixture('release'), 'release'),
    openPullRequests: 37,
    languages: mapLanguages(fixture('languages'), 'languages'),
    ...overrides,
  };
}
const runs = () => mapWorkflowRuns(fixture('workflow-runs'), 'runs');
const completed = (conclusion: string): WorkflowRun => ({ ...runs()[1]!, conclusion });

describe('the GitHub card', () => {
  it('shows the latest run’s state as the card status, with the run, release, pull requests and languages', () => {
    const card = panelContentSchema.parse(renderCard(data()));
    expect(card.status).toEqual({ tone: 'info', label: 'CI running' });
    expect(card.blocks[0]).toEqual({
      type: 'status',
      tone: 'info',
      label: 'Build #564: in progress',
      detail: 'on master, push at c5b97d5, started 2020-01-22 19:40 UTC',
    });
    expect(card.blocks[1]).toEqual({
      type: 'facts',
      items: [
        { label: 'Repository', value: { text: 'octocat/Hello-World', href: 'https://github.com/octocat/Hello-World' } },
        { label: 'Default branch', value: { text: 'master', code: true } },
        { label: 'Latest run', value: { text: 'Build #564', href: 'https://github.com/octocat/Hello-World/actions/runs/30433644' } },
        { label: 'Latest release', value: [{ text: 'v1.0.0', href: 'https://github.com/octocat/Hello-World/releases/v1.0.0', code: true }, '2013-02-27'] },
        { label: 'Open pull requests', value: { text: '37', href: 'https://github.com/octocat/Hello-World/pulls' } },
      ],
    });
    expect(card.blocks[2]).toMatchObject({ type: 'table', caption: 'Languages', rows: [['C', '91.0%'], ['Python', '9.0%']] });
  });

  it('colours success ok, failure error, cancelled warning', () => {
    expect(renderCard(data({ runs: [completed('success')] })).status).toEqual({ tone: 'ok', label: 'CI passing' });
    expect(renderCard(data({ runs: [completed('failure')] })).status).toEqual({ tone: 'error', label: 'CI failing' });
    expect(renderCard(data({ runs: [completed('cancelled')] })).status).toEqual({ tone: 'warning', label: 'CI cancelled' });
    expect(renderCard(data({ runs: [completed('failure')] })).blocks[0]).toMatchObject({ label: 'Build #563: failure', detail: expect.stringContaining('took 4m 12s') });
  });

  it('says so when there are no releases and no runs', () => {
    const card = renderCard(data({ runs: [], latestRelease: null, languages: [] }));
    expect(card.status).toEqual({ tone: 'neutral', label: 'No CI runs' });
    expect(card.blocks[0]).toEqual({ type: 'status', tone: 'neutral', label: 'No workflow runs', detail: 'on master' });
    const facts = card.blocks[1]!.type === 'facts' ? card.blocks[1]!.items : [];
    expect(facts.find((item) => item.label === 'Latest release')!.value).toBe('No releases');
    expect(facts.some((item) => item.label === 'Latest run')).toBe(false);
    expect(card.blocks[2]).toMatchObject({ rows: [], empty: 'GitHub detected no languages.' });
  });

  it('sums small languages as Other', () => {
    const languages = mapLanguages({ TypeScript: 700, CSS: 100, HTML: 60, Shell: 50, Dockerfile: 40, JavaScript: 30, Makefile: 15, Nix: 5 }, 'languages');
    const table = renderCard(data({ languages })).blocks[2]!;
    expect(table.type === 'table' && table.rows.map((row) => row[0])).toEqual(['TypeScript', 'CSS', 'HTML', 'Shell', 'Dockerfile', 'JavaScript', 'Other']);
    expect(table.type === 'table' && table.rows.at(-1)).toEqual(['Other', '2.0%']);
  });
});

describe('the CI/CD tab', () => {
  it('lists every run with workflow, event, status, branch, commit, start, duration and link', () => {
    const tab = panelContentSchema.parse(renderRunsTab(data()));
    const table = tab.blocks[1]!;
    expect(table.type).toBe('table');
    if (table.type !== 'table') return;
    expect(table.columns.map((column) => column.label)).toEqual(['Workflow', 'Event', 'Status', 'Branch', 'Commit', 'Started', 'Duration', 'Run']);
    expect(table.rows).toHaveLength(3);
    expect(table.rows[1]).toEqual([
      'Build',
      'push',
      { text: 'failure', tone: 'error' },
      { text: 'master', code: true },
      [{ text: 'acb5820', code: true, title: 'acb5820ced9479c074f688cc328bf03f341a511d' }, 'Create linter.yaml'],
      '2020-01-22 19:33 UTC',
      '4m 12s',
      { text: '#563', href: 'https://github.com/octocat/Hello-World/actions/runs/30433643', title: 'Build run #563 on GitHub' },
    ]);
    expect(table.rows[0]![2]).toEqual({ text: 'in progress', tone: 'info' });
    expect(table.rows[0]![6]).toBe('—');
  });

  it('says there are no runs instead of an empty table', () => {
    const table = renderRunsTab(data({ runs: [] })).blocks[1]!;
    expect(table).toMatchObject({ rows: [], empty: 'No workflow runs on master.' });
  });
});

describe('badges, search and catalog.json', () => {
  it('badges and filters by the latest run’s state', () => {
    expect(renderBadges(data({ runs: [completed('success')] }))).toEqual([{ label: 'CI', value: 'passing', tone: 'ok' }]);
    expect(renderBadges(data({ runs: [completed('failure')] }))).toEqual([{ label: 'CI', value: 'failing', tone: 'error' }]);
    expect(renderBadges(data({ runs: [] }))).toEqual([]);
    expect(searchFilters(data({ runs: [completed('success')] }))).toEqual({ ci: 'passing' });
    expect(searchFilters(data({ runs: [completed('timed_out')] }))).toEqual({ ci: 'failing' });
    expect(searchFilters(data({ runs: [completed('skipped')] }))).toEqual({});
  });

  it('adds a summary to catalog.json', () => {
    expect(catalogFields(data({ runs: [completed('success')] }))).toEqual({
      slug: 'octocat/Hello-World',
      defaultBranch: 'master',
      ci: 'passing',
      latestRun: { workflow: 'Build', status: 'completed', conclusion: 'success', commit: 'acb5820ced9479c074f688cc328bf03f341a511d', url: 'https://github.com/octocat/Hello-World/actions/runs/30433643' },
      latestRelease: { tag: 'v1.0.0', publishedAt: '2013-02-27T19:35:32Z', url: 'https://github.com/octocat/Hello-World/releases/v1.0.0' },
      openPullRequests: 37,
      languages: { C: 91, Python: 9 },
    });
  });
});

describe('formatting', () => {
  it('prints times in UTC from the API’s timestamps and durations in h/m/s', () => {
    expect(formatTime('2026-11-27T13:58:09+01:00')).toBe('2026-11-27 12:58 UTC');
    expect(formatTime('not a date')).toBe('not a date');
    expect([formatDuration(45), formatDuration(252), formatDuration(3780), formatDuration(null)]).toEqual(['45s', '4m 12s', '1h 3m', '—']);
  });
});
