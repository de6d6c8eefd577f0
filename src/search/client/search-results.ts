import { compareStrings } from '../../vocabulary/compare-strings.ts';
import { docsKind, type SearchMeta } from '../search-facets.ts';

/** The part of pagefind's result data (`await result.data()`) the UI reads. */
export interface PagefindResultData {
  url: string;
  /** Text with the matched words in `<mark>`; pagefind escapes the page text, the marks are its only markup. */
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: { title: string; url: string; excerpt: string; anchor?: { element: string; id: string } }[];
}

/** A run of excerpt text, highlighted when it matched the query. */
export interface ExcerptSegment {
  text: string;
  mark: boolean;
}

/** One result as the dialog and the /search page show it. */
export interface SearchHit {
  url: string;
  title: string;
  /** `Component`, `API`, `Group`… or `Docs`. */
  kind: string;
  owner?: string;
  description?: string;
  /** Docs pages: the entity the docs belong to. */
  entity?: string;
  /** Empty when the page matched only through its title or filters (nothing to highlight). */
  excerpt: ExcerptSegment[];
  /** Docs pages: the headings whose sections matched. */
  sections: { title: string; url: string; excerpt: ExcerptSegment[] }[];
}

/** At most this many heading sub-results under a docs page. */
export const sectionsPerHit = 3;

/**
 * Maps pagefind's data for one page to a hit. Returns undefined for a URL outside the site
 * (which pagefind never produces for our index, but the UI only ever links under the base path).
 */
export function toSearchHit(data: PagefindResultData, base: string): SearchHit | undefined {
  if (!isSiteUrl(data.url, base)) return undefined;
  const meta = data.meta as Partial<Record<keyof SearchMeta, string>> & Record<string, string | undefined>;
  const kind = meta.kind || 'Page';
  const pageUrl = withoutHash(data.url);
  const title = meta.title || pageUrl;
  const description = meta.description || undefined;
  const excerpt = excerptSegments(data.excerpt);
  // An entity's excerpt is worth showing when it tells why the entity matched: not when its title, description, owner or
  // reference (in its URL) already do.
  const showExcerpt = excerpt.some((segment) => segment.mark) && (kind === docsKind || !explainedBy(excerpt, `${title} ${description ?? ''} ${meta.owner ?? ''} ${pageUrl}`));
  const sections =
    kind === docsKind
      ? (data.sub_results ?? [])
          // pagefind also lists the page itself (text before the first heading) and its h1, which the hit already shows
          .filter((section) => section.anchor && section.title !== title && withoutHash(section.url) === pageUrl && isSiteUrl(section.url, base))
          .slice(0, sectionsPerHit)
          .map((section) => ({ title: section.title, url: section.url, excerpt: excerptSegments(section.excerpt) }))
      : [];
  return {
    url: data.url,
    title,
    kind,
    owner: meta.owner || undefined,
    description,
    entity: meta.entity || undefined,
    excerpt: showExcerpt ? excerpt : [],
    sections,
  };
}

/** Whether every highlighted word of an excerpt (each part of `api:default/tickets-api.`) appears in `text`. */
function explainedBy(excerpt: ExcerptSegment[], text: string): boolean {
  const shown = text.toLowerCase();
  return excerpt.every((segment) => !segment.mark || (segment.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).every((part) => shown.includes(part)));
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#039': "'", '#x27': "'", nbsp: ' ' };

/**
 * Splits a pagefind excerpt into text and highlighted runs. Only `<mark>`/`</mark>` are read as
 * markup; anything else that looks like a tag stays text, so page content can never become HTML.
 */
export function excerptSegments(excerpt: string): ExcerptSegment[] {
  const segments: ExcerptSegment[] = [];
  let mark = false;
  for (const part of excerpt.split(/(<\/?mark>)/)) {
    if (part === '<mark>') mark = true;
    else if (part === '</mark>') mark = false;
    else if (part) {
      const text = part.replace(/&(amp|lt|gt|quot|apos|#39|#039|#x27|nbsp);/g, (_, name: string) => entities[name]!);
      const last = segments.at(-1);
      if (last && last.mark === mark) last.text += text;
      else segments.push({ text, mark });
    }
  }
  return segments;
}

/** What the keyboard moves through: each hit, then its matching sections. */
export interface SearchEntry {
  id: string;
  url: string;
  hit: SearchHit;
  /** Index into `hit.sections` for a section entry. */
  section?: number;
}

export function searchEntries(hits: readonly SearchHit[]): SearchEntry[] {
  const entries: SearchEntry[] = [];
  hits.forEach((hit, index) => {
    entries.push({ id: `${index}`, url: hit.url, hit });
    hit.sections.forEach((section, sectionIndex) => entries.push({ id: `${index}-${sectionIndex}`, url: section.url, hit, section: sectionIndex }));
  });
  return entries;
}

/** Counts per filter value, as pagefind returns them. */
export type FilterCounts = Record<string, Record<string, number>>;

/**
 * The values a filter shows as chips: the selected ones, then the most frequent others with
 * at least one result (ties by name), up to `limit` in all unless `all` is set.
 */
export function chipValues(counts: Record<string, number> | undefined, selected: readonly string[], limit: number, all = false): { value: string; count: number; selected: boolean }[] {
  const available = Object.entries(counts ?? {})
    .filter(([value, count]) => count > 0 && !selected.includes(value))
    .sort(([a, x], [b, y]) => y - x || compareStrings(a, b));
  const chosen = selected.map((value) => ({ value, count: counts?.[value] ?? 0, selected: true }));
  const room = all ? available.length : Math.max(0, limit - chosen.length);
  return [...chosen, ...available.slice(0, room).map(([value, count]) => ({ value, count, selected: false }))];
}

/** How many values a filter has beyond those `chipValues` shows. */
export function hiddenChipCount(counts: Record<string, number> | undefined, selected: readonly string[], limit: number): number {
  const available = Object.entries(counts ?? {}).filter(([value, count]) => count > 0 && !selected.includes(value)).length;
  return Math.max(0, available - Math.max(0, limit - selected.length));
}

function withoutHash(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function isSiteUrl(url: string, base: string): boolean {
  return url.startsWith(base.endsWith('/') ? base : `${base}/`) && !url.startsWith('//');
}
