import { posix } from 'node:path';
import type { CatalogEntity } from '../catalog/index.ts';
import { compareStrings } from '../vocabulary/compare-strings.ts';
import { entityRefOf } from '../vocabulary/entity-ref.ts';
import { compareProblems, type Problem } from '../vocabulary/problems.ts';
import { readRepoFile, type Repo, type RepoBudgets, resolveRepoPath } from '../sources/index.ts';
import type { CatalogView, PlaybillPlugin, PluginFetchContext, PluginPage } from './plugin-contract.ts';
import { locateField } from './locate-field.ts';
import { LocatedPluginError, type RepoPosition } from './located-failure.ts';
import { panelContentSchema, type EntityBadge, type Panel, type PanelContent } from './panel-view.ts';
import { Deadline, DeadlineError, withDeadline } from './deadline.ts';
import { createPluginFetch, PluginHttpError, type FetchPolicy, type FetchStats, type PluginRequestInit, RequestScheduler } from './plugin-fetch.ts';
import { RequestTrail } from './request-trail.ts';
import { ResponseCache } from './response-cache.ts';
import { addEnvironmentSecrets, createSecretReader, Redactor } from './secrets.ts';

/** Everything plugins add to one entity. */
export interface EntityPluginOutput {
  cards: Panel[];
  tabs: Panel[];
  badges: EntityBadge[];
  searchFilters: Record<string, string[]>;
  /** catalog.json additions, by plugin name. */
  catalog: Record<string, unknown>;
}

export interface PluginStageResult {
  byEntity: Map<string, EntityPluginOutput>;
  pages: (PluginPage & { plugin: string; sample: boolean })[];
  /** JSON files (serialised), published at `plugins/<plugin>/<path>`. */
  files: { plugin: string; path: string; json: string }[];
  problems: Problem[];
  stats: { plugin: string; entities: number; failed: number; fetch: FetchStats; milliseconds: number }[];
}

export interface PluginStageOptions {
  policy: FetchPolicy & { entityTimeoutMs: number };
  /** `<cacheDir>/plugins`. */
  cacheDir: string;
  /** Where requests go; a recorded-fetch transport marks every panel as sample data. */
  transport: typeof fetch;
  sample: boolean;
  /** Severity of plugin problems: warnings by default, so an outage does not fail a strict build. */
  problemSeverity: 'error' | 'warning';
  maxFileBytes: number;
  env?: NodeJS.ProcessEnv;
  /** Secrets are remembered here, to scrub them from logs too. */
  redactor?: Redactor;
  /** Each repo's budgets, as the earlier stages left them; its entities' plugin calls count against them. */
  budgets?: RepoBudgets;
}

/**
 * The plugin stage: for each plugin, each entity it applies to is fetched (bounded, timed out,
 * cached), its data checked against the plugin's schema and rendered into panels. Any failure
 * becomes a problem located at the entity's descriptor and an "unavailable" panel; nothing else
 * is lost. Outputs are sorted so two builds of the same input are identical.
 */
export async function runPlugins(
  plugins: readonly PlaybillPlugin[],
  entities: readonly CatalogEntity[],
  repos: readonly Repo[],
  options: PluginStageOptions,
): Promise<PluginStageResult> {
  const redactor = options.redactor ?? new Redactor();
  addEnvironmentSecrets(redactor, options.env ?? process.env);
  const secret = createSecretReader(redactor, options.env);
  const scheduler = new RequestScheduler(options.policy.concurrency);
  const cache = new ResponseCache(options.cacheDir);
  const reposByName = new Map(repos.map((repo) => [repo.name, repo]));
  const byRef = new Map(entities.map((entity) => [entityRefOf(entity), entity]));
  const catalog: CatalogView = { entities, get: (ref) => byRef.get(ref.toLowerCase()) };
  const byEntity = new Map<string, EntityPluginOutput>();
  const pages: PluginStageResult['pages'] = [];
  const files: PluginStageResult['files'] = [];
  const problems: Problem[] = [];
  const stats: PluginStageResult['stats'] = [];
  // Each plugin's search filters per entity, merged in configuration order once all are in: two plugins may fill
  // one filter, and their fetches finish in any order.
  const filterSets = new Map<string, { plugin: string; filters: Record<string, string | string[]> }[]>();

  const outputFor = (ref: string) => {
    let output = byEntity.get(ref);
    if (!output) byEntity.set(ref, (output = { cards: [], tabs: [], badges: [], searchFilters: {}, catalog: {} }));
    return output;
  };

  // Plugins run side by side: most of their time is waiting on services, not the CPU.
  await Promise.all(plugins.map(async (plugin) => {
    const started = performance.now();
    const impl = plugin.implementation;
    const fetchStats: FetchStats = { requests: 0, cached: 0, retried: 0 };
    const report = (entity: CatalogEntity, message: string, at?: RepoPosition) =>
      problems.push({
        severity: options.problemSeverity,
        repo: entity.source.repo,
        file: at?.file ?? entity.source.file,
        line: at?.line ?? entity.source.line,
        column: at?.column ?? 1,
        entityRef: entityRefOf(entity),
        code: 'plugin-failed',
        plugin: plugin.name,
        message: `${plugin.title} (${plugin.name} plugin): ${redactor.redact(message)}`,
      });

    let applicable: CatalogEntity[];
    try {
      applicable = entities.filter((entity) => impl.appliesTo(entity));
    } catch (error) {
      throw new Error(`The ${plugin.name} plugin failed deciding which entities it applies to: ${redactor.redact(describe(error))}`);
    }

    const succeeded: { entity: CatalogEntity; data: unknown; fetchedAt?: string }[] = [];
    // By `fetchKey`: one fetch for all the entities that share a key, with the oldest fetch time it saw.
    const sharedFetches = new Map<string, Promise<{ data: unknown; fetchedAt?: string }>>();
    let failed = 0;
    await forEachBounded(applicable, options.policy.concurrency * 2, async (entity) => {
      const ref = entityRefOf(entity);
      // A repo whose budget is spent gets no further plugin calls; its one budget problem counts them.
      const budget = options.budgets?.of(entity.source.repo);
      if (budget?.refuses('plugin-call', { file: entity.source.file, line: entity.source.line })) {
        const unavailable = budget.skipReason();
        const output = outputFor(ref);
        if (impl.card) output.cards.push(panel(plugin, false, { unavailable }));
        if (impl.tab) output.tabs.push(panel(plugin, false, { unavailable, title: impl.tab.title, slug: impl.tab.slug }));
        return;
      }
      let oldest: string | undefined;
      const deadline = new Deadline(impl.maxEntityMs ?? options.policy.entityTimeoutMs);
      const trail = new RequestTrail();
      const pluginFetch = createPluginFetch({
        plugin: plugin.name,
        policy: options.policy,
        scheduler,
        cache,
        transport: options.transport,
        redactor,
        stats: fetchStats,
        signal: deadline.signal,
        trail,
        onFetched: (at) => {
          if (!oldest || at < oldest) oldest = at;
        },
      });
      const context: PluginFetchContext = {
        fetch: pluginFetch,
        fetchJson: async <T,>(url: string, init?: PluginRequestInit) => {
          const response = await pluginFetch(url, init);
          if (!response.ok) throw new PluginHttpError(response.status, `${init?.method ?? 'GET'} ${redactor.redact(url)} answered ${response.status} ${response.statusText}`.trim());
          return (await response.json()) as T;
        },
        secret,
        readRepoFile: async (path) => {
          const repo = reposByName.get(entity.source.repo);
          const inRepo = resolveRepoPath('', path);
          if (!repo || inRepo === null) throw new Error(`${path} is outside the repo`);
          const result = await readRepoFile(budget ? { ...repo, budget } : repo, inRepo, options.maxFileBytes);
          if ('error' in result) throw new Error(result.error.message);
          return result.text;
        },
        entityDir: posix.dirname(entity.source.file) === '.' ? '' : posix.dirname(entity.source.file),
        locate: async (path) => {
          const repo = reposByName.get(entity.source.repo);
          return repo ? locateField(budget ? { ...repo, budget } : repo, entity, path, options.maxFileBytes) : undefined;
        },
        catalog,
        report: (message) => report(entity, String(message)),
        signal: deadline.signal,
        offline: options.policy.offline,
      };

      // Only panels built from (recorded) responses are sample data; one computed from the repo is not.
      const sample = () => options.sample && oldest !== undefined;
      const fail = (reason: string, at?: RepoPosition) => {
        failed++;
        report(entity, reason, at);
        const unavailable = redactor.redact(reason);
        const output = outputFor(ref);
        if (impl.card) output.cards.push(panel(plugin, sample(), { unavailable }));
        if (impl.tab) output.tabs.push(panel(plugin, sample(), { unavailable, title: impl.tab.title, slug: impl.tab.slug }));
      };

      let data: unknown;
      try {
        const key = impl.fetchKey?.(entity);
        let shared = key === undefined ? undefined : sharedFetches.get(key);
        if (key !== undefined && !shared) {
          shared = Promise.resolve().then(() => impl.fetch(entity, context)).then((result) => ({ data: result, fetchedAt: oldest }));
          sharedFetches.set(key, shared);
        }
        const fetched = shared ?? Promise.resolve().then(() => impl.fetch(entity, context)).then((result) => ({ data: result }));
        const result = await (budget ? budget.measure(() => deadline.race(fetched)) : deadline.race(fetched));
        data = result.data;
        if ('fetchedAt' in result && result.fetchedAt && (!oldest || result.fetchedAt < oldest)) oldest = result.fetchedAt;
      } catch (error) {
        // Out of time: say what the entity was waiting for, in its last real answer's words when it had one.
        return fail(error instanceof DeadlineError ? trail.explain(error.ms) : describe(error), error instanceof LocatedPluginError ? error.at : undefined);
      } finally {
        deadline.clear();
      }
      const parsed = impl.data.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return fail(`the data did not match the plugin's schema (${issue.path.join('.') || 'data'}: ${issue.message})`);
      }
      try {
        // Everything is rendered before anything is kept, so a render bug costs only this plugin's panels.
        const card = impl.card?.(parsed.data, entity);
        const tab = impl.tab ? impl.tab.render(parsed.data, entity) : null;
        const cards = card ? [panel(plugin, sample(), { content: checkContent(card), fetchedAt: oldest })] : [];
        const tabs = tab && impl.tab ? [panel(plugin, sample(), { content: checkContent(tab), fetchedAt: oldest, title: impl.tab.title, slug: impl.tab.slug })] : [];
        const badges = (impl.badges?.(parsed.data, entity) ?? []).map((badge) => ({ ...badge, plugin: plugin.name }));
        const filters = impl.search?.(parsed.data, entity) ?? {};
        const addition = impl.catalog?.(parsed.data, entity);
        // Copied first: an addition JSON cannot hold (a cycle, a BigInt) fails the entity before any of its output is kept.
        const copied = addition === undefined ? undefined : JSON.parse(JSON.stringify(addition));
        const output = outputFor(ref);
        output.cards.push(...cards);
        output.tabs.push(...tabs);
        output.badges.push(...badges);
        filterSets.set(ref, [...(filterSets.get(ref) ?? []), { plugin: plugin.name, filters }]);
        if (copied !== undefined) output.catalog[plugin.name] = copied;
        succeeded.push({ entity, data: parsed.data, fetchedAt: oldest });
      } catch (error) {
        fail(`rendering failed: ${describe(error)}`);
      }
    });

    if (impl.pages || impl.files) {
      succeeded.sort((a, b) => compareStrings(entityRefOf(a.entity), entityRefOf(b.entity)));
      // Each is raced against the plugin's time for one entity: a promise that never settles is a problem, not a stopped build.
      const limitMs = impl.maxEntityMs ?? options.policy.entityTimeoutMs;
      try {
        const built = impl.pages ? await withDeadline(limitMs, async () => impl.pages!(succeeded, catalog)) : [];
        for (const page of built) {
          if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$|^$/.test(page.path)) throw new Error(`page path "${page.path}" must be lowercase letters, digits, "-" and "/"`);
          // Like panels: pages are sample data only when the plugin built them from (recorded) responses.
          const sample = options.sample && fetchStats.requests + fetchStats.cached > 0;
          pages.push({ ...page, content: checkContent(page.content), plugin: plugin.name, sample });
        }
        const written = impl.files ? await withDeadline(limitMs, async () => impl.files!(succeeded, catalog)) : [];
        for (const file of written) {
          if (!/^[a-z0-9][a-z0-9-]*\.json$/.test(file.path)) throw new Error(`file path "${file.path}" must be one lowercase name ending in ".json"`);
          files.push({ plugin: plugin.name, path: file.path, json: JSON.stringify(file.content) ?? 'null' });
        }
      } catch (error) {
        problems.push({
          severity: options.problemSeverity,
          repo: '',
          file: '',
          line: 0,
          column: 0,
          code: 'plugin-failed',
          plugin: plugin.name,
          message: `${plugin.title} (${plugin.name} plugin): its pages or files could not be built: ${redactor.redact(describe(error))}`,
        });
      }
    }
    stats.push({ plugin: plugin.name, entities: applicable.length, failed, fetch: fetchStats, milliseconds: performance.now() - started });
  }));

  // A repo out of budget has one problem for all stages: this one replaces the earlier stages' (mergePluginOutput).
  problems.push(...(options.budgets?.problems() ?? []));

  // The data is complete either way; a response that could not be written is only asked again next build.
  for (const [name, unsaved] of await cache.flush()) {
    const plugin = plugins.find((candidate) => candidate.name === name);
    problems.push({
      severity: 'warning',
      repo: '',
      file: '',
      line: 0,
      column: 0,
      code: 'plugin-failed',
      plugin: name,
      message: `${plugin?.title ?? name} (${name} plugin): ${unsaved.count} responses could not be written to the cache in ${options.cacheDir} (${redactor.redact(unsaved.reason)}); the next build asks for them again`,
    });
  }

  // Panels in the order plugins are configured, whatever order fetches finished in.
  const order = new Map(plugins.map((plugin, index) => [plugin.name, index]));
  for (const [ref, output] of byEntity) {
    output.cards.sort((a, b) => order.get(a.plugin)! - order.get(b.plugin)!);
    output.tabs.sort((a, b) => order.get(a.plugin)! - order.get(b.plugin)!);
    output.badges.sort((a, b) => order.get(a.plugin)! - order.get(b.plugin)!);
    output.searchFilters = mergeSearchFilters(filterSets.get(ref) ?? [], order);
    output.catalog = Object.fromEntries(Object.entries(output.catalog).sort(([a], [b]) => order.get(a)! - order.get(b)!));
  }
  stats.sort((a, b) => order.get(a.plugin)! - order.get(b.plugin)!);
  // Everything the stage hands on is scrubbed here, once every plugin has read its secrets: one
  // plugin's panels may hold a token that another plugin reads only later.
  for (const [ref, output] of byEntity) byEntity.set(ref, redactor.redactDeep(output));
  for (const problem of problems) problem.message = redactor.redact(problem.message);
  pages.splice(0, pages.length, ...pages.map((page) => redactor.redactDeep(page)));
  for (const file of files) file.json = JSON.stringify(redactor.redactDeep(JSON.parse(file.json)));
  problems.sort(compareProblems);
  pages.sort((a, b) => order.get(a.plugin)! - order.get(b.plugin)! || compareStrings(a.path, b.path));
  files.sort((a, b) => order.get(a.plugin)! - order.get(b.plugin)! || compareStrings(a.path, b.path));
  return { byEntity, pages, files, problems, stats };
}

/** One entity's search filters: fields in code-point order, each field's values plugin by plugin in configuration order. */
function mergeSearchFilters(sets: readonly { plugin: string; filters: Record<string, string | string[]> }[], order: ReadonlyMap<string, number>): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  for (const { filters } of [...sets].sort((a, b) => order.get(a.plugin)! - order.get(b.plugin)!)) {
    for (const [field, values] of Object.entries(filters)) merged[field] = [...(merged[field] ?? []), ...(Array.isArray(values) ? values : [values])];
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => compareStrings(a, b)));
}

function panel(plugin: PlaybillPlugin, sample: boolean, fields: Partial<Panel>): Panel {
  return { plugin: plugin.name, title: plugin.title, sample, ...fields };
}

/** Render output is checked too: a plugin bug shows as that plugin's problem, not a broken page. */
function checkContent(content: PanelContent): PanelContent {
  const parsed = panelContentSchema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`it rendered an invalid panel (${issue.path.join('.')}: ${issue.message})`);
  }
  return parsed.data;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Runs `task` for every item, at most `limit` at a time. */
async function forEachBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  });
  await Promise.all(lanes);
}
