/**
 * What the docs stage and the renderer say to each other: the context a page is rendered in (how to read
 * includes, how to rewrite URLs) and the plain data it comes back as. The renderer's modules and its door
 * (index.ts) are built on these; nothing here imports the renderer.
 */
/** 1-based, in the ORIGINAL source file. */
export interface DocPosition {
  line: number;
  column: number;
}

export interface RenderProblem extends DocPosition {
  severity: 'error' | 'warning';
  file: string;
  message: string;
}

export interface RenderContext {
  /** Repo-relative POSIX path of the file being rendered (e.g. 'docs/guide/setup.md'). */
  file: string;
  /** Reads another file of the same repo for `--8<--` snippets and `{% include-markdown %}`: `target` as written,
   *  resolved by the caller relative to `fromFile` (or to the configured base dirs) inside the repo only.
   *  Returns the repo-relative path and text, or an error sentence (missing, outside the repo, too large). */
  readInclude(fromFile: string, target: string): { path: string; text: string } | { error: string };
  /** Called for EVERY URL in the document: markdown links, images, link reference definitions, autolinks, and
   *  href/src of raw HTML <a>/<img> after parsing. Returns the URL to put in the HTML (the caller rewrites
   *  `../guide/setup.md#x` to the portal URL and records it for link checking at `at`). */
  rewriteUrl(url: string, use: { kind: 'link' | 'image'; at: DocPosition; file: string }): string;
  /** Allow <iframe> from raw HTML (sanitised: only https src). Default false. */
  allowIframes?: boolean;
  /** Whether this repo's MDX may run at build time (config opt-in). Default false. */
  trustedMdx?: boolean;
}

export interface Heading {
  depth: number;
  id: string;
  text: string;
}

export interface RenderedDoc {
  /** Sanitised HTML of the page body. */
  html: string;
  /** Front matter `title`, else the text of the first h1. */
  title?: string;
  /** Front matter `description`. */
  description?: string;
  /** h2–h4 for the on-page table of contents, plus the h1 (all, in order). */
  headings: Heading[];
  /** Every id in the HTML (heading ids and explicit ids): valid #anchors of this page. */
  ids: string[];
  hasMermaid: boolean;
  problems: RenderProblem[];
}
