import { z } from 'zod';

/**
 * explorer.json: the catalog explorer's data, one compact row per entity. The island fetches it
 * lazily, so it stays small and fast to parse at 10,000+ entities: rows are tuples (fields
 * below, by position), and the entities rows point at (owners, systems, domains) are listed
 * once in `links` and referred to by index. A row's ref and page path are derived from its
 * kind, namespace and name (`entityRefOf`, `entityPagePath`), so they are not stored.
 *
 * The island imports only the types from this module (never zod), to keep its JavaScript small.
 */

/** A related entity: `[ref, label, site-relative page path or null when it is not in the catalog]`. */
export const explorerLinkSchema = z.tuple([z.string(), z.string(), z.string().nullable()]);
export type ExplorerLinkTuple = z.infer<typeof explorerLinkSchema>;

/** How an extra column's cell is coloured; the stylesheet gives each tone AA-contrast colours. */
export const explorerToneSchema = z.enum(['neutral', 'good', 'warning', 'bad']);
export type ExplorerTone = z.infer<typeof explorerToneSchema>;

/** One cell of an extra column (e.g. a plugin's coverage badge): shown as a badge. */
export const explorerCellSchema = z.object({
  text: z.string(),
  tone: explorerToneSchema.optional(),
  /** Sort key; without it the column sorts by `text`. */
  sort: z.number().optional(),
});
export type ExplorerCell = z.infer<typeof explorerCellSchema>;

/** A column beyond the built-in ones, declared by whoever fills it (a plugin). */
export const explorerColumnSchema = z.object({
  /** Also its `sort=` value in the explorer's URL; must differ from the built-in columns' ids (name, kind, …). */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  label: z.string(),
});
export type ExplorerColumn = z.infer<typeof explorerColumnSchema>;

export const explorerRowSchema = z.tuple([
  /** 0 kind, as written (`Component`) */
  z.string(),
  /** 1 namespace */
  z.string(),
  /** 2 name */
  z.string(),
  /** 3 title, '' when it is the name */
  z.string(),
  /** 4 spec.type, '' when none */
  z.string(),
  /** 5 spec.lifecycle, '' when none */
  z.string(),
  /** 6 owner, 7 system, 8 domain: an index into `links`, or -1 */
  z.number().int(),
  z.number().int(),
  z.number().int(),
  /** 9 tags */
  z.array(z.string()),
  /** 10 description, whitespace collapsed, cut at 280 characters; '' when none */
  z.string(),
  /** 11 cells of the extra columns, in `columns` order (null: no value); omitted when the row has none */
  z.array(explorerCellSchema.nullable()).optional(),
]);
export type ExplorerRowTuple = z.infer<typeof explorerRowSchema>;

export const explorerFileSchema = z.object({
  /** Bumped when the layout changes; the island refuses a version it does not know. */
  version: z.literal(1),
  links: z.array(explorerLinkSchema),
  columns: z.array(explorerColumnSchema),
  /** Sorted by entity ref, like catalog.json. */
  rows: z.array(explorerRowSchema),
});
export type ExplorerFile = z.infer<typeof explorerFileSchema>;
