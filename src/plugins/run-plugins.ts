import { posix } from 'node:path';
import type { CatalogEntity } from '../catalog/index.ts';
import { compareStrings } from '../vocabulary/compare-strings.ts';
import { entityRefOf } from '../vocabulary/entity-ref.ts';
import { compareProblems, type Problem } from '../vocabulary/problems.ts';
import { readRepoFile, type Repo, type RepoBudget, type RepoBudgets, resolveRepoPath } from '../sources/index.ts';
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

/** What the stage shares while its plugins run: the services every fetch goes through, and what the plugins add to. */
interface StageRun {
  entities: readonly CatalogEntity[];
  options: PluginStageOptions;
  redactor: Redactor;
  secret: PluginFetchContext['secret'];
  scheduler: RequestScheduler;
  cache: ResponseCache;
  reposByName: ReadonlyMap<string, Repo>;
  catalog: CatalogView;
  byEntity: Map<string, EntityPluginOutput>;
  pages: PluginStageResult['pages'];
  files: PluginStageResult['files'];
  problems: Problem[];
  stats: PluginStageResult['stats'];
  /**
   * Each plugin's search filters per entity, merged in configuration order once all are in: two plugins may fill
   * one filter, and their fetches finish in any order.
   */
  filterSets: Map<string, { plugin: string; filters: Record<string, string | string[]> }[]>;
}

/** One plugin's run over its entities. */
interface PluginRun {
  plugin: PlaybillPlugin;
  stage: StageRun;
  fetchStats: FetchStats;
  /** By `fetchKey`: one fetch for all the entities that share a key, with the oldest fetch time it saw. */
  sharedFetches: Map<string, Promise<{ data: unknown; fetchedAt?: string }>>;
  /** The entities whose data was fetched, checked and rendered, for the plugin's pages and files. */
  succeeded: { entity: CatalogEntity; data: unknown; fetchedAt?: string }[];
  failed: number;
}

/** The oldest response one entity's data was built from, as its fetches report them. */
interface FetchTimes {
  oldest?: string;
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
  const stage = startStage(entities, repos, options);
  // Plugins run side by side: most of their time is waiting on services, not the CPU.
  await Promise.all(plugins.map((plugin) => runPlugin(plugin, stage)));
  // A repo out of budget has one problem for all stages: this one replaces the earlier stages' (mergePluginOutput).
  stage.problems.push(...(options.budgets?.problems() ?? []));
  stage.problems.push(...cacheWriteProblems(await stage.cache.flush(), plugins, options.cacheDir, stage.redactor));
  return finishStage(stage, plugins);
}

/** The stage's shared services (secrets, scheduler, response cache, catalog view) and its empty outputs. */
function startStage(entities: readonly CatalogEntity[], repos: readonly Repo[], options: PluginStageOptions): StageRun {
  const redactor = options.redactor ?? new Redactor();
  addEnvironmentSecrets(redactor, options.env ?? process.env);
  const byRef = new Map(entities.map((entity) => [entityRefOf(entity), entity]));
  return {
    entities,
    options,
    redactor,
    secret: createSecretReader(redactor, options.env),
    scheduler: new RequestScheduler(options.policy.concurrency),
    cache: new ResponseCache(options.cacheDir),
    reposByName: new Map(repos.map((repo) => [repo.name, repo])),
    catalog: { entities, get: (ref) => byRef.get(ref.toLowerCase()) },
    byEntity: new Map(),
    pages: [],
    files: [],
    problems: [],
    stats: [],
    filterSets: new Map(),
  };
}

/** What plugins have added to one entity so far, made empty on first use. */
function outputFor(stage: StageRun, ref: string): EntityPluginOutput {
  let output = stage.byEntity.get(ref);
  if (!output) stage.byEntity.set(ref, (output = { cards: [], tabs: [], badges: [], searchFilters: {}, catalog: {} }));
  return output;
}

/** One plugin over every entity it applies to, then its pages and files; its stats recorded. */
async function runPlugin(plugin: PlaybillPlugin, stage: StageRun): Promise<void> {
  const started = performance.now();
  const impl = plugin.implementation;
  let applicable: CatalogEntity[];
  try {
    applicable = stage.entities.filter((entity) => impl.appliesTo(entity));
  } catch (error) {
    throw new Error(`The ${plugin.name} plugin failed deciding which entities it applies to: ${stage.redactor.redact(describe(error))}`);
  }
  const run: PluginRun = { plugin, stage, fetchStats: { requests: 0, cached: 0, retried: 0 }, sharedFetches: new Map(), succeeded: [], failed: 0 };
  await forEachBounded(applicable, stage.options.policy.concurrency * 2, (entity) => runEntity(run, entity));
  if (impl.pages || impl.files) await buildPagesAndFiles(run);
  stage.stats.push({ plugin: plugin.name, entities: applicable.length, failed: run.failed, fetch: run.fetchStats, milliseconds: performance.now() - started });
}

/** A problem of one entity for this plugin, located at its descriptor (or at `at`), its message scrubbed of secrets. */
function reportEntityProblem({ plugin, stage }: PluginRun, entity: CatalogEntity, message: string, at?: RepoPosition): void {
  stage.problems.push({
    severity: stage.options.problemSeverity,
    repo: entity.source.repo,
    file: at?.file ?? entity.source.file,
    line: at?.line ?? entity.source.line,
    column: at?.column ?? 1,
    entityRef: entityRefOf(entity),
    code: 'plugin-failed',
    plugin: plugin.name,
    message: `${plugin.title} (${plugin.name} plugin): ${stage.redactor.redact(message)}`,
  });
}

/** The plugin's "unavailable" card and tab (those it has) on one entity, saying why. */
function addUnavailablePanels(output: EntityPluginOutput, plugin: PlaybillPlugin, sample: boolean, unavailable: string): void {
  const impl = plugin.implementation;
  if (impl.card) output.cards.push(panel(plugin, sample, { unavailable }));
  if (impl.tab) output.tabs.push(panel(plugin, sample, { unavailable, title: impl.tab.title, slug: impl.tab.slug }));
}

/** One entity through one plugin: fetched, its data checked against the plugin's schema, rendered and kept; any failure an unavailable panel. */
async function runEntity(run: PluginRun, entity: CatalogEntity): Promise<void> {
  const { plugin, stage } = run;
  const impl = plugin.implementation;
  const ref = entityRefOf(entity);
  // A repo whose budget is spent gets no further plugin calls; its one budget problem counts them.
  const budget = stage.options.budgets?.of(entity.source.repo);
  if (budget?.refuses('plugin-call', { file: entity.source.file, line: entity.source.line })) {
    return addUnavailablePanels(outputFor(stage, ref), plugin, false, budget.skipReason());
  }
  const times: FetchTimes = {};
  // Only panels built from (recorded) responses are sample data; one computed from the repo is not.
  const sample = () => stage.options.sample && times.oldest !== undefined;
  const fail = (reason: string, at?: RepoPosition) => {
    run.failed++;
    reportEntityProblem(run, entity, reason, at);
    addUnavailablePanels(outputFor(stage, ref), plugin, sample(), stage.redactor.redact(reason));
  };

  const fetched = await fetchEntityData(run, entity, budget, times);
  if ('failure' in fetched) return fail(fetched.failure, fetched.at);
  const parsed = impl.data.safeParse(fetched.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(`the data did not match the plugin's schema (${issue.path.join('.') || 'data'}: ${issue.message})`);
  }
  try {
    keepEntityOutput(stage, plugin, ref, renderEntityOutput(plugin, parsed.data, entity, sample, times.oldest));
    run.succeeded.push({ entity, data: parsed.data, fetchedAt: times.oldest });
  } catch (error) {
    fail(`rendering failed: ${describe(error)}`);
  }
}

/**
 * The plugin's data for one entity, raced against its time for an entity: fetched once per `fetchKey` when it has
 * one; a failure is the reason (what it was waiting for, when out of time) and, for a located error, where.
 */
async function fetchEntityData(
  run: PluginRun,
  entity: CatalogEntity,
  budget: RepoBudget | undefined,
  times: FetchTimes,
): Promise<{ data: unknown } | { failure: string; at?: RepoPosition }> {
  const { plugin, stage } = run;
  const impl = plugin.implementation;
  const deadline = new Deadline(impl.maxEntityMs ?? stage.options.policy.entityTimeoutMs);
  const trail = new RequestTrail();
  const context = entityFetchContext(run, entity, budget, times, deadline.signal, trail);
  try {
    const key = impl.fetchKey?.(entity);
    let shared = key === undefined ? undefined : run.sharedFetches.get(key);
    if (key !== undefined && !shared) {
      shared = Promise.resolve().then(() => impl.fetch(entity, context)).then((result) => ({ data: result, fetchedAt: times.oldest }));
      run.sharedFetches.set(key, shared);
    }
    const fetched = shared ?? Promise.resolve().then(() => impl.fetch(entity, context)).then((result) => ({ data: result }));
    const result = await (budget ? budget.measure(() => deadline.race(fetched)) : deadline.race(fetched));
    if ('fetchedAt' in result && result.fetchedAt && (!times.oldest || result.fetchedAt < times.oldest)) times.oldest = result.fetchedAt;
    return { data: result.data };
  } catch (error) {
    // Out of time: say what the entity was waiting for, in its last real answer's words when it had one.
    return { failure: error instanceof DeadlineError ? trail.explain(error.ms) : describe(error), ...(error instanceof LocatedPluginError ? { at: error.at } : {}) };
  } finally {
    deadline.clear();
  }
}

/** What a plugin's fetch gets for one entity: Playbill's fetch, secrets, the entity's repo files and descriptor positions, the catalog. */
function entityFetchContext(run: PluginRun, entity: CatalogEntity, budget: RepoBudget | undefined, times: FetchTimes, signal: AbortSignal, trail: RequestTrail): PluginFetchContext {
  const { plugin, stage } = run;
  const { options, redactor } = stage;
  const pluginFetch = createPluginFetch({
    plugin: plugin.name,
    policy: options.policy,
    scheduler: stage.scheduler,
    cache: stage.cache,
    transport: options.transport,
    redactor,
    stats: run.fetchStats,
    signal,
    trail,
    onFetched: (at) => {
      if (!times.oldest || at < times.oldest) times.oldest = at;
    },
  });
  // The entity's repo, its reads counted against the repo's budget.
  const repoOf = () => {
    const repo = stage.reposByName.get(entity.source.repo);
    return repo && budget ? { ...repo, budget } : repo;
  };
  return {
    fetch: pluginFetch,
    fetchJson: async <T,>(url: string, init?: PluginRequestInit) => {
      const response = await pluginFetch(url, init);
      if (!response.ok) throw new PluginHttpError(response.status, `${init?.method ?? 'GET'} ${redactor.redact(url)} answered ${response.status} ${response.statusText}`.trim());
      return (await response.json()) as T;
    },
    secret: stage.secret,
    readRepoFile: async (path) => {
      const repo = repoOf();
      const inRepo = resolveRepoPath('', path);
      if (!repo || inRepo === null) throw new Error(`${path} is outside the repo`);
      const result = await readRepoFile(repo, inRepo, options.maxFileBytes);
      if ('error' in result) throw new Error(result.error.message);
      return result.text;
    },
    entityDir: posix.dirname(entity.source.file) === '.' ? '' : posix.dirname(entity.source.file),
    locate: async (path) => {
      const repo = repoOf();
      return repo ? locateField(repo, entity, path, options.maxFileBytes) : undefined;
    },
    catalog: stage.catalog,
    report: (message) => reportEntityProblem(run, entity, String(message)),
    signal,
    offline: options.policy.offline,
  };
}

/** What one plugin adds to one entity, every part rendered and checked before any is kept. */
interface RenderedEntityOutput {
  cards: Panel[];
  tabs: Panel[];
  badges: EntityBadge[];
  filters: Record<string, string | string[]>;
  addition: unknown;
}

/** An entity's checked data rendered into the plugin's card, tab, badges, search filters and catalog addition. */
function renderEntityOutput(plugin: PlaybillPlugin, data: unknown, entity: CatalogEntity, sample: () => boolean, fetchedAt: string | undefined): RenderedEntityOutput {
  const impl = plugin.implementation;
  const card = impl.card?.(data, entity);
  const tab = impl.tab ? impl.tab.render(data, entity) : null;
  return {
    cards: card ? [panel(plugin, sample(), { content: checkContent(card), fetchedAt })] : [],
    tabs: tab && impl.tab ? [panel(plugin, sample(), { content: checkContent(tab), fetchedAt, title: impl.tab.title, slug: impl.tab.slug })] : [],
    badges: (impl.badges?.(data, entity) ?? []).map((badge) => ({ ...badge, plugin: plugin.name })),
    filters: impl.search?.(data, entity) ?? {},
    addition: impl.catalog?.(data, entity),
  };
}

/** One plugin's rendered output added to its entity's; the catalog addition copied as JSON, as catalog.json will hold it. */
function keepEntityOutput(stage: StageRun, plugin: PlaybillPlugin, ref: string, rendered: RenderedEntityOutput): void {
  // Copied first: an addition JSON cannot hold (a cycle, a BigInt) fails the entity before any of its output is kept.
  const addition = rendered.addition === undefined ? undefined : JSON.parse(JSON.stringify(rendered.addition));
  const output = outputFor(stage, ref);
  output.cards.push(...rendered.cards);
  output.tabs.push(...rendered.tabs);
  output.badges.push(...rendered.badges);
  stage.filterSets.set(ref, [...(stage.filterSets.get(ref) ?? []), { plugin: plugin.name, filters: rendered.filters }]);
  if (addition !== undefined) output.catalog[plugin.name] = addition;
}

/** The plugin's own pages and JSON files, built from every entity that succeeded; any failure is one problem of the plugin. */
async function buildPagesAndFiles({ plugin, stage, succeeded, fetchStats }: PluginRun): Promise<void> {
  const impl = plugin.implementation;
  const { options } = stage;
  succeeded.sort((a, b) => compareStrings(entityRefOf(a.entity), entityRefOf(b.entity)));
  // Each is raced against the plugin's time for one entity: a promise that never settles is a problem, not a stopped build.
  const limitMs = impl.maxEntityMs ?? options.policy.entityTimeoutMs;
  try {
    const built = impl.pages ? await withDeadline(limitMs, async () => impl.pages!(succeeded, stage.catalog)) : [];
    for (const page of built) {
      if (!/^[a-z0-9-]+(\/[a-z0-9-]+)*$|^$/.test(page.path)) throw new Error(`page path "${page.path}" must be lowercase letters, digits, "-" and "/"`);
      // Like panels: pages are sample data only when the plugin built them from (recorded) responses.
      const sample = options.sample && fetchStats.requests + fetchStats.cached > 0;
      stage.pages.push({ ...page, content: checkContent(page.content), plugin: plugin.name, sample });
    }
    const written = impl.files ? await withDeadline(limitMs, async () => impl.files!(succeeded, stage.catalog)) : [];
    for (const file of written) {
      if (!/^[a-z0-9][a-z0-9-]*\.json$/.test(file.path)) throw new Error(`file path "${file.path}" must be one lowercase name ending in ".json"`);
      stage.files.push({ plugin: plugin.name, path: file.path, json: JSON.stringify(file.content) ?? 'null' });
    }
  } catch (error) {
    stage.problems.push({
      severity: options.problemSeverity,
      repo: '',
      file: '',
      line: 0,
      column: 0,
      code: 'plugin-failed',
      plugin: plugin.name,
      message: `${plugin.title} (${plugin.name} plugin): its pages or files could not be built: ${stage.redactor.redact(describe(error))}`,
    });
  }
}

/** A warning per plugin whose responses could not be written to the cache: the data is complete, the next build only asks again. */
function cacheWriteProblems(unsavedByPlugin: ReadonlyMap<string, { count: number; reason: string }>, plugins: readonly PlaybillPlugin[], cacheDir: string, redactor: Redactor): Problem[] {
  return [...unsavedByPlugin].map(([name, unsaved]) => {
    const plugin = plugins.find((candidate) => candidate.name === name);
    return {
      severity: 'warning',
      repo: '',
      file: '',
      line: 0,
      column: 0,
      code: 'plugin-failed',
      plugin: name,
      message: `${plugin?.title ?? name} (${name} plugin): ${unsaved.count} responses could not be written to the cache in ${cacheDir} (${redactor.redact(unsaved.reason)}); the next build asks for them again`,
    };
  });
}

/**
 * The stage's result: every output in the order plugins are configured, whatever order fetches finished in, and
 * scrubbed of secrets.
 */
function finishStage(stage: StageRun, plugins: readonly PlaybillPlugin[]): PluginStageResult {
  const { byEntity, pages, files, problems, stats, redactor } = stage;
  const order = new Map(plugins.map((plugin, index) => [plugin.name, index]));
  const byPlugin = (a: { plugin: string }, b: { plugin: string }) => order.get(a.plugin)! - order.get(b.plugin)!;
  for (const [ref, output] of byEntity) {
    output.cards.sort(byPlugin);
    output.tabs.sort(byPlugin);
    output.badges.sort(byPlugin);
    output.searchFilters = mergeSearchFilters(stage.filterSets.get(ref) ?? [], order);
    output.catalog = Object.fromEntries(Object.entries(output.catalog).sort(([a], [b]) => order.get(a)! - order.get(b)!));
  }
  stats.sort(byPlugin);
  // Everything the stage hands on is scrubbed here, once every plugin has read its secrets: one
  // plugin's panels may hold a token that another plugin reads only later.
  for (const [ref, output] of byEntity) byEntity.set(ref, redactor.redactDeep(output));
  for (const problem of problems) problem.message = redactor.redact(problem.message);
  const redactedPages = pages.map((page) => redactor.redactDeep(page));
  for (const file of files) file.json = JSON.stringify(redactor.redactDeep(JSON.parse(file.json)));
  problems.sort(compareProblems);
  redactedPages.sort((a, b) => byPlugin(a, b) || compareStrings(a.path, b.path));
  files.sort((a, b) => byPlugin(a, b) || compareStrings(a.path, b.path));
  return { byEntity, pages: redactedPages, files, problems, stats };
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
