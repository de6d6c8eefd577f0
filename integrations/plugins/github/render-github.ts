import type { Block, Cell, PanelContent, Tone } from '../../plugin-api.ts';
import type { CiState, GithubData, WorkflowRun } from './github-data.ts';
import { ciStateOf } from './map-github.ts';

/** Pure: the plugin's data → what the card, the CI/CD tab, badges and search show. */

const ciTone: Record<CiState, Tone> = { passing: 'ok', failing: 'error', cancelled: 'warning', running: 'info', neutral: 'neutral', none: 'neutral' };

/** "success", "in progress", "timed out": a run's outcome in words. */
export function runOutcome(run: WorkflowRun): string {
  return (run.status === 'completed' ? (run.conclusion ?? 'completed') : run.status).replaceAll('_', ' ');
}

function runTone(run: WorkflowRun): Tone {
  return ciTone[ciStateOf(run)];
}

/** "2026-11-27 13:58 UTC": from the API's timestamp, never the build machine's clock or zone. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "4m 12s", "1h 3m", "45s". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return minutes > 0 ? `${minutes}m ${rest}s` : `${rest}s`;
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** Language shares shown: the largest few, the rest summed as "Other". */
const shownLanguages = 6;

function languagesBlock(data: GithubData): Block {
  const shown = data.languages.slice(0, shownLanguages);
  const other = data.languages.slice(shownLanguages).reduce((sum, language) => sum + language.percent, 0);
  const rows: Cell[][] = shown.map((language) => [language.name, `${language.percent.toFixed(1)}%`]);
  if (other > 0) rows.push(['Other', `${other.toFixed(1)}%`]);
  return { type: 'table', caption: 'Languages', columns: [{ label: 'Language' }, { label: 'Share', numeric: true }], rows, empty: 'GitHub detected no languages.' };
}

export function ciLabel(state: CiState): string {
  return state === 'none' ? 'No CI runs' : `CI ${state}`;
}

export function renderCard(data: GithubData): PanelContent {
  const latest = data.runs[0];
  const state = ciStateOf(latest);
  const release = data.latestRelease;
  const blocks: Block[] = [
    latest
      ? {
          type: 'status',
          tone: runTone(latest),
          label: `${latest.workflow} #${latest.number}: ${runOutcome(latest)}`,
          detail: `on ${data.defaultBranch}, ${latest.event} at ${shortSha(latest.commit)}, started ${formatTime(latest.startedAt)}${latest.durationSeconds === null ? '' : `, took ${formatDuration(latest.durationSeconds)}`}`,
        }
      : { type: 'status', tone: 'neutral', label: 'No workflow runs', detail: `on ${data.defaultBranch}` },
    {
      type: 'facts',
      items: [
        { label: 'Repository', value: { text: data.slug, href: data.repoUrl } },
        { label: 'Default branch', value: { text: data.defaultBranch, code: true } },
        ...(latest ? [{ label: 'Latest run', value: { text: `${latest.workflow} #${latest.number}`, href: latest.url } }] : []),
        {
          label: 'Latest release',
          value: release
            ? [{ text: release.tag, href: release.url, code: true }, `${release.name === release.tag ? '' : `${release.name}, `}${formatTime(release.publishedAt).slice(0, 10)}${release.prerelease ? ' (pre-release)' : ''}`]
            : 'No releases',
        },
        { label: 'Open pull requests', value: { text: String(data.openPullRequests), href: `${data.repoUrl}/pulls` } },
      ],
    },
    languagesBlock(data),
  ];
  return { status: { tone: ciTone[state], label: ciLabel(state) }, blocks };
}

export function renderRunsTab(data: GithubData): PanelContent {
  const rows: Cell[][] = data.runs.map((run) => [
    run.workflow,
    run.event,
    { text: runOutcome(run), tone: runTone(run) },
    run.branch ? { text: run.branch, code: true } : '—',
    // Like `git log --oneline`: the short SHA, then the run's title (usually the commit's first line).
    run.title ? [{ text: shortSha(run.commit), code: true, title: run.commit }, run.title] : { text: shortSha(run.commit), code: true, title: run.commit },
    formatTime(run.startedAt),
    formatDuration(run.durationSeconds),
    { text: `#${run.number}`, href: run.url, title: `${run.workflow} run #${run.number} on GitHub` },
  ]);
  return {
    status: { tone: ciTone[ciStateOf(data.runs[0])], label: ciLabel(ciStateOf(data.runs[0])) },
    blocks: [
      { type: 'text', text: [`The latest workflow runs on ${data.defaultBranch} in`, { text: data.slug, href: `${data.repoUrl}/actions` }, '(newest first).'] },
      {
        type: 'table',
        caption: `Workflow runs on ${data.defaultBranch}`,
        columns: [{ label: 'Workflow' }, { label: 'Event' }, { label: 'Status' }, { label: 'Branch' }, { label: 'Commit' }, { label: 'Started' }, { label: 'Duration', numeric: true }, { label: 'Run' }],
        rows,
        empty: `No workflow runs on ${data.defaultBranch}.`,
      },
    ],
  };
}

/** The catalog explorer's badge: CI passing / failing / cancelled / running. */
export function renderBadges(data: GithubData): { label: string; value: string; tone?: Tone }[] {
  const state = ciStateOf(data.runs[0]);
  return state === 'none' ? [] : [{ label: 'CI', value: state, tone: ciTone[state] }];
}

/** Search filter `ci`: passing, failing, cancelled or running. */
export function searchFilters(data: GithubData): Record<string, string> {
  const state = ciStateOf(data.runs[0]);
  return state === 'none' || state === 'neutral' ? {} : { ci: state };
}

/** Added to the entity in catalog.json under `plugins.github`. */
export function catalogFields(data: GithubData) {
  const latest = data.runs[0];
  return {
    slug: data.slug,
    defaultBranch: data.defaultBranch,
    ci: ciStateOf(latest),
    latestRun: latest ? { workflow: latest.workflow, status: latest.status, conclusion: latest.conclusion, commit: latest.commit, url: latest.url } : null,
    latestRelease: data.latestRelease ? { tag: data.latestRelease.tag, publishedAt: data.latestRelease.publishedAt, url: data.latestRelease.url } : null,
    openPullRequests: data.openPullRequests,
    languages: Object.fromEntries(data.languages.map((language) => [language.name, language.percent])),
  };
}
