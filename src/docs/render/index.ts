/**
 * The docs renderer: one markdown (or MDX) page of a TechDocs site → sanitised HTML, its headings and anchors, and
 * located problems. Self-contained: the docs stage gives it the text and a context (how to read includes, how to
 * rewrite URLs) and gets back plain data. See README.md beside this file for the design.
 */
import type { RenderContext, RenderedDoc } from './render-context.ts';
import { renderPage } from './render-page.ts';

export type { DocPosition, Heading, RenderContext, RenderedDoc, RenderProblem } from './render-context.ts';

/** Renders a `.md` page. Never rejects: failures become problems and a minimal safe page. */
export function renderMarkdown(source: string, context: RenderContext): Promise<RenderedDoc> {
  return renderPage(source, context, 'md');
}

/** Renders an `.mdx` page. Untrusted repos: imports, exports and expressions are refused; trusted: evaluated. */
export function renderMdx(source: string, context: RenderContext): Promise<RenderedDoc> {
  return renderPage(source, context, 'mdx');
}
