import { z } from 'zod';

/** Where a block's link may point (a site path or http(s)), as pages and islands alike apply it. */
export { pluginLinkUrl } from './link-policy.ts';

/**
 * What a plugin renders: a small vocabulary of blocks that Playbill turns into HTML. Plugins
 * describe *what* to show, never markup, so nothing a plugin fetches can inject script into a
 * page, every panel looks like the rest of the portal, and panels survive the trip from the
 * build's plugin stage to the pages as plain JSON.
 */

/** Colour of a status, badge or cell; maps to the portal's status palette. */
export const toneSchema = z.enum(['ok', 'warning', 'error', 'info', 'neutral']);
export type Tone = z.infer<typeof toneSchema>;

/**
 * A piece of text, optionally linked, coloured or set as code. `href` is either a site-relative
 * path (`catalog/default/component/x/`, resolved under the base path) or an absolute http(s)
 * URL; anything else renders as plain text.
 */
export const inlineSchema = z.union([
  z.string(),
  z.object({
    text: z.string(),
    href: z.string().optional(),
    tone: toneSchema.optional(),
    code: z.boolean().optional(),
    /** Tooltip / accessible description. */
    title: z.string().optional(),
  }),
]);
export type Inline = z.infer<typeof inlineSchema>;

/** A table cell or fact value: one inline or several, rendered side by side. */
export const cellSchema = z.union([inlineSchema, z.array(inlineSchema)]);
export type Cell = z.infer<typeof cellSchema>;

export const graphNodeSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Small caption under the label, e.g. the kind. */
  caption: z.string().optional(),
  href: z.string().optional(),
  x: z.number(),
  y: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
  /** The node the graph is about. */
  current: z.boolean().optional(),
  tone: toneSchema.optional(),
  /**
   * A class of node that shares a colour, e.g. the entity kind (`component`). Lowercase letters,
   * digits and '-'; anything else is ignored.
   */
  category: z.string().optional(),
});

export const graphEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  label: z.string().optional(),
  /** Polyline through these points, laid out at build time. */
  points: z.array(z.object({ x: z.number(), y: z.number() })).min(2),
  /** Where the label's baseline centre goes; default: above the middle point. */
  labelAt: z.object({ x: z.number(), y: z.number() }).optional(),
});

export interface BlockShape {
  type: string;
}

const textBlock = z.object({ type: z.literal('text'), text: cellSchema });
const factsBlock = z.object({
  type: z.literal('facts'),
  items: z.array(z.object({ label: z.string(), value: cellSchema })),
});
const tableBlock = z.object({
  type: z.literal('table'),
  caption: z.string().optional(),
  columns: z.array(z.object({ label: z.string(), numeric: z.boolean().optional() })),
  rows: z.array(z.array(cellSchema)),
  /** Shown instead of an empty table. */
  empty: z.string().optional(),
});
const statusBlock = z.object({ type: z.literal('status'), tone: toneSchema, label: z.string(), detail: z.string().optional() });
const badgesBlock = z.object({ type: z.literal('badges'), items: z.array(z.object({ label: z.string(), tone: toneSchema.optional() })) });
const meterBlock = z.object({
  type: z.literal('meter'),
  label: z.string(),
  /** 0–100. */
  percent: z.number().min(0).max(100),
  tone: toneSchema.optional(),
  /** Where the bar's own colours change (HTML `<meter>` low/high); default 60 and 80, as `toneForPercent`. */
  low: z.number().min(0).max(100).optional(),
  high: z.number().min(0).max(100).optional(),
});
const codeBlock = z.object({
  type: z.literal('code'),
  /** Prism language id (json, yaml, graphql, protobuf, …) for build-time highlighting. */
  language: z.string().optional(),
  text: z.string(),
  caption: z.string().optional(),
});
const graphBlock = z.object({
  type: z.literal('graph'),
  /** Accessible name of the diagram. */
  title: z.string(),
  width: z.number().positive(),
  height: z.number().positive(),
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
  /**
   * Site-relative path of a graph file (`GraphFile`, src/plugins/graph/graph-file.ts) with more of
   * the graph: the diagram's island offers to expand around the current node, one hop at a time.
   */
  expandFrom: z.string().optional(),
  /** How many hops from the current node the diagram shows (the expand control adds one). */
  depth: z.number().int().positive().optional(),
  /** The island offers filters by the graph file's facets (e.g. kind, system, domain). */
  filterable: z.boolean().optional(),
});
export type GraphBlock = z.infer<typeof graphBlock>;
/** The geometry of a graph block, for plugins that lay a graph out before rendering it. */
export const graphLayoutSchema = graphBlock.pick({ width: true, height: true, nodes: true, edges: true });
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

/** A titled group of blocks; `collapsed` renders it as a closed <details>. */
export interface SectionBlock {
  type: 'section';
  title: string;
  /** Anchor id, unique within the panel. */
  id?: string;
  collapsed?: boolean;
  /** Short text after the title, e.g. an HTTP method or a count. */
  badge?: { label: string; tone?: Tone };
  blocks: Block[];
}

export type Block =
  | z.infer<typeof textBlock>
  | z.infer<typeof factsBlock>
  | z.infer<typeof tableBlock>
  | z.infer<typeof statusBlock>
  | z.infer<typeof badgesBlock>
  | z.infer<typeof meterBlock>
  | z.infer<typeof codeBlock>
  | z.infer<typeof graphBlock>
  | SectionBlock;

export const blockSchema: z.ZodType<Block> = z.lazy(() =>
  z.discriminatedUnion('type', [
    textBlock,
    factsBlock,
    tableBlock,
    statusBlock,
    badgesBlock,
    meterBlock,
    codeBlock,
    graphBlock,
    z.object({
      type: z.literal('section'),
      title: z.string(),
      id: z.string().optional(),
      collapsed: z.boolean().optional(),
      badge: z.object({ label: z.string(), tone: toneSchema.optional() }).optional(),
      blocks: z.array(blockSchema),
    }),
  ]),
);

/** What a plugin's render functions return for one card or tab. */
export const panelContentSchema = z.object({
  /** Overrides the plugin's title as the card heading. */
  title: z.string().optional(),
  /** One-line summary status shown next to the heading. */
  status: z.object({ tone: toneSchema, label: z.string() }).optional(),
  blocks: z.array(blockSchema),
});
export type PanelContent = z.infer<typeof panelContentSchema>;

/** A panel as pages receive it: the content plus where it came from and how fresh it is. */
export const panelSchema = z.object({
  plugin: z.string(),
  /** Card heading / tab label. */
  title: z.string(),
  /** Tab slug (`kubernetes`) for tabs; absent for overview cards. */
  slug: z.string().optional(),
  /** When the data was fetched (ISO 8601): the oldest response it was built from. */
  fetchedAt: z.string().optional(),
  /** Data came from recorded sample responses, not the live service. */
  sample: z.boolean(),
  /** Set when the plugin failed for this entity: the panel says so instead of showing data. */
  unavailable: z.string().optional(),
  content: panelContentSchema.optional(),
});
export type Panel = z.infer<typeof panelSchema>;

/** A badge in the catalog explorer's row for an entity (e.g. coverage 81%). */
export const entityBadgeSchema = z.object({
  plugin: z.string(),
  label: z.string(),
  value: z.string(),
  tone: toneSchema.optional(),
});
export type EntityBadge = z.infer<typeof entityBadgeSchema>;
