/** Test helpers: a stub RenderContext over in-memory files, and an HTML parser to inspect output as a browser would. */
import type { Element, Root, RootContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import { posix } from 'node:path';
import type { DocPosition, RenderContext, RenderedDoc } from '../../../src/docs/render/index.ts';
import { renderMarkdown, renderMdx } from '../../../src/docs/render/index.ts';

export interface UrlCall {
  url: string;
  kind: 'link' | 'image';
  at: DocPosition;
  file: string;
}

export interface Stub {
  context: RenderContext;
  urls: UrlCall[];
  includes: Array<{ from: string; target: string }>;
}

/**
 * `files` are repo-relative paths → text. Includes resolve relative to the including file first, then to the repo
 * root (what the docs stage does for `--8<--` base paths); nothing outside the repo.
 */
export function stub(files: Record<string, string> = {}, options: Partial<RenderContext> = {}): Stub {
  const urls: UrlCall[] = [];
  const includes: Array<{ from: string; target: string }> = [];
  const context: RenderContext = {
    file: 'docs/page.md',
    readInclude(from, target) {
      includes.push({ from, target });
      for (const candidate of [posix.join(posix.dirname(from), target), posix.normalize(target)]) {
        if (candidate.startsWith('..')) continue;
        const text = files[candidate];
        if (text !== undefined) return { path: candidate, text };
      }
      return { error: `"${target}" does not exist` };
    },
    rewriteUrl(url, use) {
      urls.push({ url, ...use });
      return url;
    },
    ...options,
  };
  return { context, urls, includes };
}

export function render(source: string, files: Record<string, string> = {}, options: Partial<RenderContext> = {}): Promise<RenderedDoc & { stub: Stub }> {
  const context = stub(files, options);
  return renderMarkdown(source, context.context).then((doc) => ({ ...doc, stub: context }));
}

export function renderMdxWith(source: string, options: Partial<RenderContext> = {}): Promise<RenderedDoc & { stub: Stub }> {
  const context = stub({}, { file: 'docs/page.mdx', ...options });
  return renderMdx(source, context.context).then((doc) => ({ ...doc, stub: context }));
}

const parseRaw = rehypeRaw() as unknown as (tree: Root, file: unknown) => Root;

/** Parses HTML the way a browser does (parse5), so tests see what a browser would build. */
export function parseHtml(html: string): Root {
  return parseRaw({ type: 'root', children: [{ type: 'raw', value: html } as unknown as RootContent] }, {});
}

export function elements(tree: Root | Element): Element[] {
  const found: Element[] = [];
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type === 'element') {
        found.push(child);
        visit(child);
        if (child.tagName === 'template' && (child as Element & { content?: Root }).content) visit((child as Element & { content: Root }).content);
      }
    }
  };
  visit(tree);
  return found;
}

export function select(html: string, tagName: string): Element[] {
  return elements(parseHtml(html)).filter((element) => element.tagName === tagName);
}

/** Text of the page without code blocks and inline code (where syntax examples legitimately stay). */
export function proseText(html: string): string {
  return html
    .replace(/<pre[\s\S]*?<\/pre>/g, '')
    .replace(/<code[\s\S]*?<\/code>/g, '')
    .replace(/<[^>]+>/g, '');
}

export function classes(element: Element): string[] {
  const value = element.properties['className'];
  return Array.isArray(value) ? value.map(String) : [];
}
