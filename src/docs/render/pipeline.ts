/**
 * The unified processors, built once and frozen (per page only `parse` + `runSync` + `stringify` run).
 * Order matters: containers before anything that walks blocks; URLs after attribute lists; the HTML parser before
 * raw URLs are rewritten; the sanitiser before anything generated; headings last (they see every id).
 */
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import rehypeDecorate from './rehype-decorate.ts';
import rehypeFootnotes from './rehype-footnotes.ts';
import rehypeHeadings from './rehype-headings.ts';
import rehypeLinkSafety from './rehype-link-safety.ts';
import rehypeRawHtml from './rehype-raw-html.ts';
import rehypeSanitise from './rehype-sanitise.ts';
import type { RenderState } from './render-state.ts';
import { mdxSyntaxError } from './render-state.ts';
import remarkAttrLists from './remark-attr-lists.ts';
import remarkCodeBlocks from './remark-code-blocks.ts';
import remarkComments from './remark-comments.ts';
import remarkContainers from './remark-containers.ts';
import remarkInlineMarks from './remark-inline-marks.ts';
import remarkMdxUntrusted from './remark-mdx-untrusted.ts';
import remarkSatteriParse from './remark-satteri-parse.ts';
import remarkUrls from './remark-urls.ts';

/** GFM without single-tilde strikethrough: `~sub~` is pymdownx.tilde's subscript. */
const GFM = { singleTilde: false } as const;

/** The markdown-tree plugins shared by `.md`, untrusted `.mdx` and trusted `.mdx` (inside @mdx-js/mdx). */
export const REMARK_TRANSFORMS = [remarkContainers, remarkComments, remarkAttrLists, remarkInlineMarks, remarkCodeBlocks, remarkUrls] as const;

const REMARK_REHYPE = { allowDangerousHtml: true, clobberPrefix: '' } as const;

/** mdast → sanitised HTML: the same passes for every kind of page. */
const HTML_PASSES: PluggableList = [[remarkRehype, REMARK_REHYPE], rehypeRawHtml, rehypeSanitise, rehypeDecorate, rehypeLinkSafety, rehypeFootnotes, rehypeHeadings, rehypeStringify];

const markdown = unified()
  .use(remarkSatteriParse)
  .use([...REMARK_TRANSFORMS])
  .use(HTML_PASSES)
  .freeze();

// MDX keeps micromark (Sätteri's MDX tree is not what remark-mdx's consumers expect); untrusted
// constructs are refused right after the containers are built.
const untrustedMdx = unified()
  .use(remarkParse)
  .use(remarkMdx)
  .use(remarkGfm, GFM)
  .use(remarkContainers)
  .use(remarkMdxUntrusted)
  .use(REMARK_TRANSFORMS.slice(1))
  .use(HTML_PASSES)
  .freeze();

/** For trusted MDX: the HTML that React rendered goes through the same passes as markdown output. */
const html = unified()
  .use(rehypeRawHtml)
  .use(rehypeSanitise)
  .use(rehypeDecorate)
  .use(rehypeLinkSafety)
  .use(rehypeFootnotes)
  .use(rehypeHeadings)
  .use(rehypeStringify)
  .freeze();

function fileFor(state: RenderState, value: string) {
  return { cwd: '', path: undefined, value, data: { render: state } };
}

export function runMarkdown(text: string, state: RenderState, mode: 'md' | 'mdx'): string {
  const processor = mode === 'md' ? markdown : untrustedMdx;
  const file = fileFor(state, text);
  let tree: MdastRoot;
  try {
    tree = processor.parse(file as never) as MdastRoot;
  } catch (error) {
    if (mode === 'mdx') throw mdxSyntaxError(state, error);
    throw error;
  }
  const hast = processor.runSync(tree, file as never) as HastRoot;
  return String(processor.stringify(hast as never, file as never));
}

/** Runs the HTML passes over HTML produced by trusted MDX. */
export function runHtml(rendered: string, state: RenderState): string {
  const file = fileFor(state, rendered);
  state.hasRawHtml = true;
  const tree = { type: 'root', children: [{ type: 'raw', value: rendered }] } as unknown as HastRoot;
  const hast = html.runSync(tree, file as never) as HastRoot;
  return html.stringify(hast, file as never);
}
