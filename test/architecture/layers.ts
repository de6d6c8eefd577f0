/**
 * Playbill's layers as data: which folder may import what, and by which doors a stage is entered. The
 * import-direction test holds every import of src/ and integrations/ to these tables, so they read as the
 * architecture (ARCHITECTURE.md, "Where things live") and fail when the code stops being it.
 */
import { compareStrings } from '../../src/vocabulary/compare-strings.ts';
import type { SourceImport } from './source-imports.ts';

/** A folder that imports must never reach from `from`, with the reason a reader is given. */
export interface Boundary {
  /** The importing files: a folder (ending in `/`) or one file. */
  from: string;
  /** What they must not import: folders (`src/`), files, packages (`zod`), or `node:` for every Node built-in. */
  never: readonly string[];
  /** Allowed although `never` covers it (the folder's own files). */
  except?: readonly string[];
  why: string;
}

/**
 * A stage folder and its doors: the files other folders import it by, each with what it is the door to, or
 * `'each file'` for a folder without a barrel, whose every module is named for what it is.
 */
export interface Stage {
  folder: string;
  doors: Readonly<Record<string, string>> | 'each file';
}

export const boundaries: readonly Boundary[] = [
  {
    from: 'src/vocabulary/',
    never: ['zod', 'node:', 'src/', 'integrations/'],
    except: ['src/vocabulary/'],
    why: 'the vocabulary is the bottom layer: browser-safe, without zod or Node, and built on nothing of Playbill',
  },
  {
    from: 'src/',
    never: ['integrations/'],
    why: 'the integration and the plugins are built on src/, never the other way round (the plugin contract is src/plugins/plugin-contract.ts)',
  },
  {
    from: 'integrations/plugins/',
    never: ['src/', 'integrations/playbill.ts'],
    why: 'a built-in plugin is written as a third party would write it: Playbill only through plugin-api.ts',
  },
  {
    from: 'integrations/examples/',
    never: ['src/', 'integrations/'],
    except: ['integrations/examples/', 'integrations/plugin-api.ts'],
    why: 'the example plugin is a package of its own: Playbill only through playbill/plugin-api',
  },
];

/**
 * The stages, bottom up. From another folder, a stage is entered only through its doors: `index.ts`, the
 * stage's public surface, and where a lighter context needs part of it without loading the whole stage (the
 * browser, the pages, the main thread before the worker starts), a door named for that part.
 */
export const stages: readonly Stage[] = [
  { folder: 'src/vocabulary', doors: 'each file' },
  { folder: 'src/sources', doors: { 'index.ts': 'resolveSources, and reading repo files, running git, budgets' } },
  {
    folder: 'src/catalog',
    doors: {
      'index.ts': 'loadCatalog and the catalog schemas',
      'expanded-size.ts': 'the limit every YAML value read from a repo is held to, for plugins on the main thread without the catalog stack',
      'yaml-documents.ts': 'YAML read fast, with positions on first ask, for plugins that parse definitions without the catalog stack',
      'catalog-options.ts': "the catalog's options, for the configuration to compose without loading the stage",
      'entity-link.ts': 'a ref as pages show it, resolved against the catalog, which docs views and page models share (zod only)',
    },
  },
  {
    folder: 'src/docs',
    doors: { 'index.ts': 'buildDocs and the docs views', 'docs-options.ts': "the docs options, for the configuration to compose without loading the stage" },
  },
  { folder: 'src/docs/render', doors: { 'index.ts': 'the markdown renderer', 'render.css': "the rendered page's styles" } },
  {
    folder: 'src/plugins',
    doors: {
      'index.ts': 'the plugin stage, as the pipeline runs it',
      'plugin-contract.ts': 'what a plugin is given and returns, re-exported as playbill/plugin-api',
      'plugin-options.ts': "the plugin stage's options, for the configuration to compose without loading the stage",
      'panel-view.ts': 'the blocks a panel is made of, as site data carries them and pages render them',
      'plugin-output.ts': "what the stage adds to the site data (entity blocks, pages, files), of which the site data's schema is built",
      'graph/index.ts': 'graph helpers for graph blocks, pure, so the browser island runs the same code',
      'plugin-origins.ts': 'how plugins cross to the pipeline worker, asked on the main thread before the stage loads',
      'secrets.ts': "the redactor, applied on the main thread to every problem of the build",
    },
  },
  {
    folder: 'src/site',
    doors: {
      'index.ts': 'the page models and the site data, built by the pipeline',
      'entity-view.ts': "an entity page's model (zod and the doors of what it is made of: entity links, plugin blocks)",
      'load-site.ts': 'the site data and links as the pages read them (Astro only: the virtual module)',
      'pending-site.ts': 'where the integration leaves the site data for the pages',
    },
  },
  { folder: 'src/explorer', doors: { 'index.ts': 'explorer.json built from the page models', 'client.ts': 'what the explorer island runs in the browser' } },
  { folder: 'src/search', doors: { 'index.ts': 'the facets pages write and the pagefind index', 'client/index.ts': 'what search runs in the browser' } },
];

/**
 * The order the stages are built on, bottom up, a row at a time: a stage imports only the stages of the rows
 * below its own (each through its doors), never one beside it or above it. The configuration composes the
 * options of the stages it configures, so it stands above them all; the pipeline that wires the stages
 * (src/pipeline.ts and its worker), the integration and the CLI stand above every row and are in none.
 */
export const stageOrder: readonly (readonly string[])[] = [
  ['src/vocabulary'],
  ['src/sources'],
  ['src/catalog'],
  ['src/docs/render'],
  ['src/docs'],
  ['src/plugins'],
  ['src/site'],
  ['src/search', 'src/explorer'],
  ['src/styles'],
  ['src/components'],
  ['src/layouts'],
  ['src/routes'],
  ['src/config'],
];

/** Every import that breaks a boundary, enters a stage past its doors or runs down the stage order, as a sentence naming the file and the import. */
export function importViolations(imports: readonly SourceImport[], rules = { boundaries, stages, order: stageOrder }): string[] {
  const violations: string[] = [];
  for (const found of imports) {
    for (const boundary of rules.boundaries) {
      if (!covers(boundary.from, found.file)) continue;
      if (!boundary.never.some((pattern) => covers(pattern, found.target))) continue;
      if (boundary.except?.some((pattern) => covers(pattern, found.target))) continue;
      violations.push(`${found.file} imports '${found.specifier}': ${boundary.why}`);
    }
    if (!found.local) continue;
    const upward = orderViolation(found, rules.order);
    if (upward) violations.push(upward);
    const stage = stageOf(found.target, rules.stages);
    if (!stage || stageOf(found.file, rules.stages) === stage) continue;
    if (stage.doors === 'each file' || Object.hasOwn(stage.doors, found.target.slice(stage.folder.length + 1))) continue;
    violations.push(`${found.file} imports '${found.specifier}': past the doors of ${stage.folder}/ (${Object.keys(stage.doors).join(', ')})`);
  }
  return violations;
}

/**
 * The sentence for an import from a stage of the order to a stage of its own row or one above, or to a file of
 * src/ in none (the pipeline); what lies outside src/ is the boundaries' to refuse.
 */
function orderViolation(found: SourceImport, order: readonly (readonly string[])[]): string | undefined {
  const from = placeInOrder(found.file, order);
  if (!from) return undefined;
  const to = placeInOrder(found.target, order);
  if (to?.stage === from.stage || (to && to.row < from.row) || (!to && !found.target.startsWith('src/'))) return undefined;
  const where = !to ? 'stands above every stage' : to.row === from.row ? `stands beside ${from.stage}/` : `stands above ${from.stage}/`;
  const rows = order.map((row) => row.map((stage) => stage.replace(/^src\//, '')).join(' | ')).join(' → ');
  return `${found.file} imports '${found.specifier}': ${to ? `${to.stage}/` : found.target} ${where}, and a stage imports only the stages below it (${rows})`;
}

/** The innermost stage of the order holding `path`, and its row. */
function placeInOrder(path: string, order: readonly (readonly string[])[]): { stage: string; row: number } | undefined {
  let innermost: { stage: string; row: number } | undefined;
  order.forEach((stages, row) => {
    for (const stage of stages) {
      if (path.startsWith(`${stage}/`) && (!innermost || stage.length > innermost.stage.length)) innermost = { stage, row };
    }
  });
  return innermost;
}

/**
 * Every circle of imports between files (types included: a type-level circle ties the modules' design just the
 * same), each as its files in order from the one first in code-point order, back to it. Within a stage too: the
 * order says which way stages depend, this says that files do not depend on each other both ways.
 */
export function importCircles(imports: readonly SourceImport[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const found of imports) {
    if (found.local) (edges.get(found.file) ?? edges.set(found.file, new Set()).get(found.file)!).add(found.target);
  }
  // Tarjan's strongly connected components, each shown as one circle through it.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const circles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const target of edges.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (stack.includes(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component = stack.splice(stack.indexOf(file));
    if (component.length > 1 || edges.get(file)?.has(file)) circles.push(circleThrough(component.sort(compareStrings), edges));
  };
  for (const file of [...edges.keys()].sort(compareStrings)) if (!index.has(file)) visit(file);
  return circles;
}

/** A shortest way round from the first file of a strongly connected component back to it. */
function circleThrough(component: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (const file of queue) {
    for (const target of [...(edges.get(file) ?? [])].sort(compareStrings)) {
      if (target === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
        return [...path, start];
      }
      if (members.has(target) && !cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

/** The innermost stage holding `path` (src/docs/render, not src/docs, for a file of the renderer). */
function stageOf(path: string, stages: readonly Stage[]): Stage | undefined {
  let innermost: Stage | undefined;
  for (const stage of stages) {
    if (path.startsWith(`${stage.folder}/`) && (!innermost || stage.folder.length > innermost.folder.length)) innermost = stage;
  }
  return innermost;
}

/** A folder (`src/`) or prefix (`node:`) covers what starts with it; a file or package name covers itself. */
function covers(pattern: string, target: string): boolean {
  return pattern.endsWith('/') || pattern.endsWith(':') ? target.startsWith(pattern) : target === pattern;
}
