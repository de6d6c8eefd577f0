/**
 * The plugin contract: what a plugin declares (`definePlugin`), what it is given (the fetch context, the
 * catalog) and what it returns (blocks, pages, files). The plugin stage runs plugins by it; plugin
 * authors import it as `playbill/plugin-api` (integrations/plugin-api.ts re-exports this module), so
 * everything a plugin may use is named here and nothing else of Playbill's. See ARCHITECTURE.md,
 * "Writing a plugin".
 */
import { z } from 'zod';
import type { CatalogEntity } from '../catalog/index.ts';
import type { DescriptorPosition } from './locate-field.ts';
import type { EntityBadge, PanelContent, Tone } from './panel-view.ts';
import type { PluginFetch, PluginRequestInit } from './plugin-fetch.ts';

export type { CatalogEntity };
export type { Block, Cell, Inline, PanelContent, Tone, SectionBlock, GraphBlock } from './panel-view.ts';
export { graphLayoutSchema } from './panel-view.ts';
/** Graph helpers for `graph` blocks: neighbourhoods, layouts (star, dagre) and the island's graph file. */
export {
  filterGraph,
  indexGraph,
  layoutLayered,
  layoutStar,
  selectNeighbourhood,
  type GraphFacet,
  type GraphFile,
  type GraphFileNode,
  type GraphIndex,
  type GraphLayout,
  type GraphModel,
  type GraphModelEdge,
  type GraphModelNode,
  type Neighbourhood,
} from './graph/index.ts';
/** The shared vocabulary plugins speak: refs as Backstage formats them, code-point order, Backstage's kind order. */
export { compareStrings } from '../vocabulary/compare-strings.ts';
export { displayName, entityRefOf, formatEntityRef, parseEntityRef, shortRef, type EntityName } from '../vocabulary/entity-ref.ts';
export { builtinKindOrder, compareKinds, kindOfRef } from '../vocabulary/entity-kinds.ts';
export { entityPagePath } from '../vocabulary/portal-paths.ts';
/** A path in the repo resolved from a folder, or null when it leaves the repo: check a path from a descriptor with it before reading. */
export { resolveRepoPath } from '../vocabulary/repo-path.ts';
export { drawnRelation, inverseRelation, relationPairs, relationTypes, relationWords, type RelationType } from '../vocabulary/relations.ts';
/** For a plugin that parses YAML from a repo itself: the limit the catalog applies to what a document expands to with its aliases. */
export { expansionCheckFor } from '../catalog/expanded-size.ts';
/** For a plugin that parses YAML or JSON from a repo and reports where things are: the catalog's reader (fast, positions on first ask, the same limits). */
export { parseYamlDocuments, type ParsedYamlFile, type PositionedYaml, type YamlDocument, type YamlSyntaxError } from '../catalog/yaml-documents.ts';
export { PluginHttpError, type PluginFetch, type PluginRequestInit } from './plugin-fetch.ts';
export { urlIsUnder } from './url-allow-list.ts';
export { LocatedPluginError, type RepoPosition } from './located-failure.ts';
export type { DescriptorPosition } from './locate-field.ts';

/** What `fetch` gets besides the entity. */
export interface PluginFetchContext {
  /**
   * `fetch` with Playbill's policy: cached on disk, bounded concurrency, timeout, retries with
   * backoff, rate limits respected. Give it to client libraries (`new Octokit({ request: { fetch } })`).
   * Redirects are followed (up to 10, http(s) only), without the credentials once they leave the
   * first URL's origin. For a URL from a descriptor, pass `allowedUrls` in `init`: the request and
   * each redirect must then be under one of them (`urlIsUnder`), or nothing is sent there.
   */
  fetch: PluginFetch;
  /** GET (or the given method) and parse JSON; throws PluginHttpError on a non-2xx status. */
  fetchJson<T = unknown>(url: string, init?: PluginRequestInit): Promise<T>;
  /** A secret from environment variable `name` (or the file `${name}_FILE` names); scrubbed from all output. */
  secret(name: string): string | undefined;
  /** Reads a file of the entity's repo (path relative to the repo root); paths outside the repo are refused. */
  readRepoFile(path: string): Promise<string>;
  /** The descriptor file's folder, relative to the repo root ('' at the root), for annotation paths relative to it. */
  entityDir: string;
  /**
   * Where a field of the entity (`['spec', 'definition']`) is written in its descriptor: its key's
   * line and column and, for a literal block (`key: |`), the line its text starts on and its
   * indentation. For placing a problem: it reads the descriptor again. Undefined when the field is
   * not written there or the descriptor changed since the catalog read it. Which file a `$text`
   * field came from is in `entity.provenance`, with no reading at all.
   */
  locate(path: readonly (string | number)[]): Promise<DescriptorPosition | undefined>;
  /** The whole catalog, for plugins that look at relations (the catalog graph). */
  catalog: CatalogView;
  /**
   * Reports a problem for this entity without failing it, for partial failures the panel still
   * shows around (one of several clusters did not answer). Located at the entity's descriptor.
   */
  report(message: string): void;
  /** Aborted when the plugin's time for this entity is up. */
  signal: AbortSignal;
  offline: boolean;
}

export interface CatalogView {
  entities: readonly CatalogEntity[];
  get(ref: string): CatalogEntity | undefined;
}

/** A page of its own (e.g. the whole-catalog graph), at `<base>plugins/<plugin>/<path>/`. */
export interface PluginPage {
  /** Path under the plugin's folder, '' for its index. Lowercase letters, digits, '-' and '/'. */
  path: string;
  title: string;
  description?: string;
  /** Listed in the portal header. */
  nav?: boolean;
  content: PanelContent;
}

/**
 * A JSON file of its own, at `<base>plugins/<plugin>/<path>`, for islands to fetch (e.g. the
 * catalog graph's relations). `path` is one lowercase name ending in `.json`.
 */
export interface PluginFile {
  path: string;
  /** Serialised with JSON.stringify. */
  content: unknown;
}

/** One entity's data, as `pages` receives it. */
export interface PluginEntityData<Data> {
  entity: CatalogEntity;
  data: Data;
}

export interface PluginImplementation<Data> {
  /** Which entities the plugin runs for, usually by annotation. */
  appliesTo(entity: CatalogEntity): boolean;
  /** Schema of what `fetch` returns; data failing it is a problem, not a crash. */
  data: z.ZodType<Data>;
  /** Gathers the data for one entity. Throw (with a sentence a person understands) when it can't. */
  fetch(entity: CatalogEntity, context: PluginFetchContext): Promise<Data>;
  /**
   * Entities with the same key get the same data: `fetch` runs once for them (for the first to
   * ask), and the others share its result or its failure, and its fetch time. For data that
   * depends on a value many entities share, e.g. the GitHub repo of a monorepo's components.
   * undefined: this entity's fetch is its own. (`context.report` from a shared fetch is reported
   * at the entity it ran for.)
   */
  fetchKey?(entity: CatalogEntity): string | undefined;
  /** A card on the entity's overview page; null for none. */
  card?(data: Data, entity: CatalogEntity): PanelContent | null;
  /** A tab of its own on the entity page, at `…/<name>/<slug>/`. */
  tab?: { title: string; slug: string; render(data: Data, entity: CatalogEntity): PanelContent | null };
  /** Badges in the catalog explorer's row (e.g. coverage). */
  badges?(data: Data, entity: CatalogEntity): Omit<EntityBadge, 'plugin'>[];
  /** Search filters for the entity page (`{ 'coverage': ['≥ 80%'] }`). */
  search?(data: Data, entity: CatalogEntity): Record<string, string | string[]>;
  /** JSON added to the entity in catalog.json under `plugins.<name>`. */
  catalog?(data: Data, entity: CatalogEntity): unknown;
  /** Whole pages, built from every entity's data once all fetches are done. */
  pages?(results: readonly PluginEntityData<Data>[], catalog: CatalogView): PluginPage[] | Promise<PluginPage[]>;
  /** JSON files, built like pages, published next to them. */
  files?(results: readonly PluginEntityData<Data>[], catalog: CatalogView): PluginFile[] | Promise<PluginFile[]>;
  /** Time limit for one entity's `fetch`, all requests included. Default: the build's `fetch.entityTimeoutMs`. */
  maxEntityMs?: number;
}

/** A configured plugin, as `playbill({ plugins: [...] })` takes it. */
export interface PlaybillPlugin<Data = unknown> {
  readonly kind: 'playbill-plugin';
  /** Stable id: lowercase letters, digits and '-'; used in paths, the cache and problems. */
  readonly name: string;
  /** Heading of its card and tab. */
  readonly title: string;
  readonly implementation: PluginImplementation<Data>;
  /** How the pipeline worker makes this plugin again (see `PluginDefinition.module`); absent without a module. */
  readonly origin?: PluginOrigin;
  /** `false` when the plugin makes no requests (see `PluginDefinition.network`): `check` runs it too. */
  readonly network?: boolean;
}

/** A plugin as the worker thread receives it: the module defining it, its name there and the options it was given. */
export interface PluginOrigin {
  module: string;
  name: string;
  options: unknown;
}

/** Marks the factories `definePlugin` returns with their plugin's name, so a worker can find one among a module's exports. */
export const pluginFactoryKey = Symbol.for('playbill.pluginFactory');

export interface PluginDefinition<Options extends z.ZodType, Data> {
  name: string;
  title: string;
  /** Options schema; defaults apply, and a bad option fails the config with a readable message. */
  options?: Options;
  create(options: z.output<Options>): PluginImplementation<Data>;
  /**
   * The module this plugin is defined in and exported from: pass `import.meta.url`. With it,
   * Playbill runs the plugin stage on its pipeline worker thread, which imports the module and
   * calls the plugin's factory again with the same options, so the plugins' parsing and rendering
   * overlap with Astro's build instead of delaying its pages. Without it (a plugin defined in
   * astro.config.mjs itself), or when an option cannot be copied to a thread (a function), the
   * plugins run on the main thread as before, with the same results.
   */
  module?: string;
  /**
   * `false`: the plugin makes no requests (it reads only the catalog and the entity's repo, as the
   * API docs plugin does). A repo's `check` then runs it too, so the repo's CI gets the problems
   * it reports (an invalid API definition) exactly as the portal's build does. Default: it may.
   */
  network?: boolean;
}

/**
 * Declares a plugin and returns its factory: `kubernetes({ clusters: [...] })`. The factory
 * validates the options with the plugin's schema and throws one readable message on a bad one.
 */
export function definePlugin<Options extends z.ZodType = z.ZodObject<{}>, Data = unknown>(
  definition: PluginDefinition<Options, Data>,
): (options?: z.input<Options>) => PlaybillPlugin<Data> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(definition.name)) throw new Error(`Plugin name "${definition.name}" must be lowercase letters, digits and "-".`);
  const factory = (input?: z.input<Options>): PlaybillPlugin<Data> => {
    const schema = definition.options ?? z.object({}).strict();
    const parsed = schema.safeParse(input ?? {});
    if (!parsed.success) {
      const lines = parsed.error.issues.map((issue) => `  - ${issue.path.length ? issue.path.join('.') : '(options)'}: ${issue.message}`);
      throw new Error(`Invalid options for the ${definition.name} plugin in astro.config.mjs:\n${lines.join('\n')}`);
    }
    return {
      kind: 'playbill-plugin',
      name: definition.name,
      title: definition.title,
      implementation: definition.create(parsed.data as z.output<Options>),
      ...(definition.module ? { origin: { module: definition.module, name: definition.name, options: input ?? {} } } : {}),
      ...(definition.network === false ? { network: false } : {}),
    };
  };
  return Object.assign(factory, { [pluginFactoryKey]: definition.name });
}

export function isPlaybillPlugin(value: unknown): value is PlaybillPlugin {
  return typeof value === 'object' && value !== null && (value as PlaybillPlugin).kind === 'playbill-plugin';
}

/** A tone for a percentage against thresholds, for coverage-like numbers. */
export function toneForPercent(percent: number, good = 80, fair = 60): Tone {
  return percent >= good ? 'ok' : percent >= fair ? 'warning' : 'error';
}
