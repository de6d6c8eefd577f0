/**
 * MDX from a repo that is not trusted to run code: every piece of code is refused and reported at its line, the rest
 * of the page renders.
 * - `import` / `export` statements: removed, one error each;
 * - `{expression}` (flow and text): removed, one error each (comment-only expressions are dropped silently);
 * - JSX attribute expressions and spreads: removed, one error each;
 * - lowercase JSX elements (`<div className="x">`) become raw HTML and go through the sanitiser like any raw HTML;
 * - capitalised components (`<Tabs>`) cannot be resolved without imports: their children render, with a warning.
 */
import type { Parent, Root, RootContent } from 'mdast';
import { escapeHtml } from '../../vocabulary/escape-html.ts';
import { MARKER } from './container-blocks.ts';
import type { MdxEsm, MdxExpression, MdxJsxAttribute, MdxJsxElement } from './mdx-nodes.ts';
import { isCommentOnly, preview, statementPoint } from './mdx-nodes.ts';
import type { RenderFile, RenderState } from './render-state.ts';
import { reportAt, stateOf } from './render-state.ts';

const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'source', 'track', 'wbr']);
const HTML_NAME = /^[a-z][a-z0-9-]*$/;
const ATTRIBUTE_NAME = /^[A-Za-z_][\w:.-]*$/;
const REFUSED = 'is not allowed for untrusted repos; it was removed (a repo must be configured as trusted to run MDX code).';

export default function remarkMdxUntrusted() {
  return (tree: Root, file: RenderFile): void => {
    walk(tree, stateOf(file));
  };
}

function walk(parent: Parent, state: RenderState): void {
  const out: RootContent[] = [];
  for (const child of parent.children as RootContent[]) {
    const type = child.type as string;
    if (type === 'mdxjsEsm') {
      refuseEsm(child as unknown as MdxEsm, state);
      continue;
    }
    if (type === 'mdxFlowExpression' || type === 'mdxTextExpression') {
      const expression = child as unknown as MdxExpression;
      if (type === 'mdxFlowExpression' && MARKER.test(expression.value)) out.push(child);
      else if (!isCommentOnly(expression)) {
        reportAt(state, 'error', expression.position?.start, `MDX expression {${preview(expression.value)}} ${REFUSED}`);
      }
      continue;
    }
    if (type === 'mdxJsxFlowElement' || type === 'mdxJsxTextElement') {
      out.push(...jsx(child as unknown as MdxJsxElement, state));
      continue;
    }
    if (child.type === 'paragraph' && isLoneBlockElement(child)) {
      // `<div>…</div>` on one line parses as inline JSX in a paragraph; a <p> cannot hold a <div>, so unwrap it.
      out.push(...jsx(child.children.find((node) => (node.type as string) === 'mdxJsxTextElement') as unknown as MdxJsxElement, state));
      continue;
    }
    if ('children' in child) walk(child, state);
    out.push(child);
  }
  parent.children = out as typeof parent.children;
}

const BLOCK_ELEMENTS = new Set(['div', 'section', 'article', 'aside', 'details', 'figure', 'table', 'ul', 'ol', 'dl', 'blockquote', 'pre', 'p', 'hr', 'header', 'footer', 'nav']);

function isLoneBlockElement(paragraph: Parent): boolean {
  const meaningful = paragraph.children.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const only = meaningful.length === 1 ? (meaningful[0] as unknown as MdxJsxElement) : undefined;
  return only?.type === 'mdxJsxTextElement' && typeof only.name === 'string' && BLOCK_ELEMENTS.has(only.name);
}

export function refuseEsm(node: MdxEsm, state: RenderState): void {
  const statements = node.data?.estree?.body ?? [];
  if (statements.length === 0) {
    reportAt(state, 'error', node.position?.start, `MDX import/export ${REFUSED}`);
    return;
  }
  for (const statement of statements) {
    const kind = statement.type === 'ImportDeclaration' ? 'import' : statement.type.startsWith('Export') ? 'export' : 'statement';
    reportAt(state, 'error', statementPoint(statement, node.position), `MDX ${kind} ${REFUSED}`);
  }
}

function jsx(node: MdxJsxElement, state: RenderState): RootContent[] {
  walk(node as unknown as Parent, state);
  const children = node.children as RootContent[];
  const name = node.name;
  const attributes: string[] = [];
  for (const attribute of node.attributes) {
    const html = attributeHtml(attribute, name ?? '', state);
    if (html) attributes.push(html);
  }
  if (!name) return children; // a fragment: <>…</>
  if (!HTML_NAME.test(name)) {
    reportAt(
      state,
      'warning',
      node.position?.start,
      `MDX component <${name}> cannot be used without imports (refused for untrusted repos); only its content is shown.`,
    );
    return children;
  }
  state.hasRawHtml = true;
  const open = { type: 'html', value: `<${name}${attributes.join('')}>`, position: node.position } as RootContent;
  if (VOID.has(name)) return [open, ...children];
  const close = { type: 'html', value: `</${name}>` } as RootContent;
  return [open, ...children, close];
}

function attributeHtml(attribute: MdxJsxAttribute, element: string, state: RenderState): string | undefined {
  if (attribute.type === 'mdxJsxExpressionAttribute') {
    reportAt(state, 'error', attribute.position?.start, `MDX attribute spread on <${element}> ${REFUSED}`);
    return undefined;
  }
  const value = attribute.value;
  if (value !== null && typeof value === 'object') {
    reportAt(state, 'error', attribute.position?.start, `MDX attribute expression ${attribute.name}={${preview(value.value)}} ${REFUSED}`);
    return undefined;
  }
  const name = attribute.name ?? '';
  if (!ATTRIBUTE_NAME.test(name)) return undefined;
  const htmlName = name === 'className' ? 'class' : name === 'htmlFor' ? 'for' : name;
  if (value === null || value === undefined) return ` ${htmlName}`;
  return ` ${htmlName}="${escapeHtml(value)}"`;
}
