/**
 * MDX of a repo configured as trusted: compiled and run at build time (@mdx-js/mdx `evaluate` + React's static
 * renderer), with the same markdown transforms, then the same HTML passes (sanitiser included) as markdown.
 * Still refused even here: `import` (modules cannot be resolved safely from a docs build), and components that are
 * neither HTML elements nor exported by the page itself (their children render, with a warning).
 */
import { evaluate } from '@mdx-js/mdx';
import type { Parent, Root, RootContent } from 'mdast';
import { createElement } from 'react';
import * as runtime from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import remarkGfm from 'remark-gfm';
import type { EstreeNode, MdxEsm, MdxJsxElement } from './mdx-nodes.ts';
import { statementPoint } from './mdx-nodes.ts';
import { REMARK_TRANSFORMS, runHtml } from './pipeline.ts';
import type { RenderFile, RenderState } from './render-state.ts';
import { mdxSyntaxError, MdxSyntaxError, NONCE, report, reportAt, stateOf } from './render-state.ts';
import { rewrite } from './url-policy.ts';

const HTML_NAME = /^[a-z][a-z0-9-]*$/;

export async function renderTrustedMdx(text: string, state: RenderState): Promise<string> {
  let content: (props: Record<string, unknown>) => unknown;
  try {
    const module = await evaluate(
      { cwd: '', value: text, data: { render: state } },
      {
        ...runtime,
        development: false,
        remarkPlugins: [[remarkGfm, { singleTilde: false }], remarkTrusted, ...REMARK_TRANSFORMS],
        remarkRehypeOptions: { clobberPrefix: '' },
      },
    );
    content = module.default as unknown as (props: Record<string, unknown>) => unknown;
  } catch (error) {
    throw mdxSyntaxError(state, error);
  }
  let rendered: string;
  try {
    rendered = renderToStaticMarkup(createElement(content as never, { components: {} }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report(state, 'error', { file: state.context.file, line: 1, column: 1 }, `The MDX page failed while running: ${message.split('\n')[0]}`);
    throw new MdxSyntaxError(`The MDX page failed while running: ${message.split('\n')[0]}`);
  }
  return runHtml(rendered, state);
}

/** Refuses imports, unwraps unknown components, rewrites static href/src of JSX <a>/<img>. */
function remarkTrusted() {
  return (tree: Root, file: RenderFile): void => {
    const state = stateOf(file);
    const exported = new Set<string>();
    for (const child of tree.children as RootContent[]) {
      if ((child.type as string) === 'mdxjsEsm') collectExports(child as unknown as MdxEsm, exported);
    }
    walk(tree, state, exported);
  };
}

function collectExports(node: MdxEsm, into: Set<string>): void {
  for (const statement of node.data?.estree?.body ?? []) {
    const declaration = statement.declaration;
    if (declaration?.id?.name) into.add(declaration.id.name);
    for (const item of declaration?.declarations ?? []) if (item.id?.name) into.add(item.id.name);
    for (const specifier of statement.specifiers ?? []) if (specifier.exported?.name) into.add(specifier.exported.name);
  }
}

function walk(parent: Parent, state: RenderState, exported: Set<string>): void {
  const out: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    const type = child.type as string;
    if (type === 'mdxjsEsm') {
      const node = child as unknown as MdxEsm;
      const body = node.data?.estree?.body;
      if (body) {
        const kept: EstreeNode[] = [];
        for (const statement of body) {
          if (statement.type === 'ImportDeclaration') {
            reportAt(state, 'error', statementPoint(statement, node.position), 'MDX import is not allowed, even for trusted repos: imports cannot be resolved in a docs build; it was removed.');
          } else {
            kept.push(statement);
          }
        }
        body.splice(0, body.length, ...kept);
        if (kept.length === 0) continue;
      }
      out.push(child);
      continue;
    }
    if (type === 'mdxJsxFlowElement' || type === 'mdxJsxTextElement') {
      const element = child as unknown as MdxJsxElement;
      walk(element as unknown as Parent, state, exported);
      const name = element.name;
      if (name && !HTML_NAME.test(name) && !exported.has(name)) {
        reportAt(state, 'warning', element.position?.start, `MDX component <${name}> is not defined in this page (imports are refused); only its content is shown.`);
        out.push(...(element.children as RootContent[]));
        continue;
      }
      if (name === 'a' || name === 'img') rewriteStatic(element, name, state);
      out.push(child);
      continue;
    }
    if ('children' in child) walk(child, state, exported);
    out.push(child);
  }
  parent.children = out as typeof parent.children;
}

function rewriteStatic(element: MdxJsxElement, name: 'a' | 'img', state: RenderState): void {
  const key = name === 'a' ? 'href' : 'src';
  const attribute = element.attributes.find((item) => item.type === 'mdxJsxAttribute' && item.name === key);
  if (!attribute || typeof attribute.value !== 'string') return;
  attribute.value = rewrite(state, attribute.value, name === 'a' ? 'link' : 'image', attribute.position?.start ?? element.position?.start);
  element.attributes.push({ type: 'mdxJsxAttribute', name: 'data-pb-url', value: NONCE });
}
