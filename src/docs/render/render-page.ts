/**
 * One page, start to finish, never throwing: preprocess, run the processor, collect the outline and problems.
 * Any internal failure becomes an error problem at line 1 and a minimal safe page.
 */
import { compareStrings } from '../../vocabulary/compare-strings.ts';
import { escapeHtml } from '../../vocabulary/escape-html.ts';
import type { RenderContext, RenderedDoc, RenderProblem } from './render-context.ts';
import { loadMermaid } from './mermaid.ts';
import { runMarkdown } from './pipeline.ts';
import type { Preprocessed } from './preprocess.ts';
import { preprocess } from './preprocess.ts';
import { createState, MdxSyntaxError, report } from './render-state.ts';

const MAY_HAVE_DIAGRAM = /(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?mermaid/i;

export async function renderPage(source: string, context: RenderContext, mode: 'md' | 'mdx'): Promise<RenderedDoc> {
  const state = createState(context, mode);
  let prepared: Preprocessed | undefined;
  let html: string;
  try {
    prepared = preprocess(typeof source === 'string' ? source : String(source ?? ''), state);
    if (MAY_HAVE_DIAGRAM.test(prepared.text)) await loadMermaid();
    if (mode === 'mdx' && context.trustedMdx) {
      // MDX evaluation (and React) is loaded only when a trusted repo has MDX.
      const { renderTrustedMdx } = await import('./mdx-trusted.ts');
      html = await renderTrustedMdx(prepared.text, state);
    } else {
      html = runMarkdown(prepared.text, state, mode);
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // MDX syntax errors are reported with their position where they are caught; this is everything else.
    if (!(error instanceof MdxSyntaxError)) {
      report(state, 'error', { file: context.file, line: 1, column: 1 }, `The page could not be rendered: ${firstLine(detail)}`);
    }
    html = `<div class="render-error" role="alert"><p>This page could not be rendered. ${escapeHtml(firstLine(detail))}</p></div>`;
    state.headings = [];
    state.ids = [];
  }
  const title = prepared?.frontMatter.title ?? state.firstH1;
  const description = prepared?.frontMatter.description;
  return {
    html,
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    headings: state.headings,
    ids: state.ids,
    hasMermaid: state.hasMermaid,
    problems: sortProblems(state.problems, context.file),
  };
}

function sortProblems(problems: RenderProblem[], page: string): RenderProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => {
      const fileA = a.problem.file === page ? '' : a.problem.file;
      const fileB = b.problem.file === page ? '' : b.problem.file;
      return compareStrings(fileA, fileB) || a.problem.line - b.problem.line || a.problem.column - b.problem.column || a.index - b.index;
    })
    .map(({ problem }) => problem);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').trim();
}
