/**
 * Code blocks leave the tree as placeholders and are built after sanitising (the highlighted markup is generated,
 * hence trusted; the code itself only ever becomes text nodes):
 * - fenced code: language, `title=`, `hl_lines=`, `linenums=` (see code-info.ts);
 * - ```` ```mermaid ```` fences: diagrams, rendered to SVG in rehype-decorate;
 * - Material code annotations: when a block with `(1)` markers is followed by an ordered list, the list becomes the
 *   block's numbered notes, and `# (1)!` markers lose their comment characters (Material's "stripped" form);
 * - InlineHilite: `` `#!python range()` `` is highlighted inline.
 */
import type { Code, InlineCode, Parent, Root, RootContent } from 'mdast';
import { parseCodeInfo } from './code-info.ts';
import type { Block, RenderState } from './render-state.ts';
import { addBlock, PLACEHOLDER_PROPERTY, stateOf } from './render-state.ts';
import type { RenderFile } from './render-state.ts';

const ANNOTATION = /\(\d+\)/;
const STRIPPED_ANNOTATION = /(?:#|\/\/|--|;|%|<!--|\/\*)[ \t]*\((\d+)\)!(?:[ \t]*(?:-->|\*\/))?/g;
const INLINE_HILITE = /^#!([\w+#.-]{1,40})[ \t]+([\s\S]+)$/;

export default function remarkCodeBlocks() {
  return (tree: Root, file: RenderFile): void => {
    walk(tree, stateOf(file));
  };
}

function walk(parent: Parent, state: RenderState): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type === 'code') {
      children[index] = codeBlock(child, children[index + 1], state, (wrapped) => {
        children[index + 1] = wrapped;
      });
    } else if (child.type === 'inlineCode') {
      const replaced = inlineCode(child, state);
      if (replaced) children[index] = replaced;
    } else if ('children' in child) {
      walk(child, state);
    }
  }
}

function codeBlock(node: Code, next: RootContent | undefined, state: RenderState, replaceNext: (node: RootContent) => void): RootContent {
  const info = parseCodeInfo(node.lang, node.meta);
  const start = node.position?.start ?? { line: 1, column: 1 };
  if (info.lang === 'mermaid') {
    state.hasMermaid = true;
    return placeholder('div', { kind: 'mermaid', value: node.value, line: start.line, column: start.column }, node, state);
  }
  let value = node.value;
  if (next?.type === 'list' && next.ordered && ANNOTATION.test(value)) {
    value = value.replace(STRIPPED_ANNOTATION, '($1)');
    replaceNext(container(next, state));
  }
  const block: Block = {
    kind: 'code',
    lang: info.lang,
    value,
    highlight: info.highlight,
    line: start.line,
    column: start.column,
  };
  if (info.title !== undefined) block.title = info.title;
  if (info.lineNumbersFrom !== undefined) block.lineNumbersFrom = info.lineNumbersFrom;
  return placeholder('div', block, node, state);
}

function inlineCode(node: InlineCode, state: RenderState): RootContent | undefined {
  if (!node.value.startsWith('#!')) return undefined;
  const match = INLINE_HILITE.exec(node.value);
  if (!match) return undefined;
  return placeholder('code', { kind: 'inline-code', lang: match[1]!.toLowerCase(), value: match[2]! }, node, state);
}

/** The ordered list after an annotated code block, wrapped so the decorator can mark it as the block's notes. */
function container(list: RootContent, state: RenderState): RootContent {
  return {
    type: 'pbContainer',
    data: { hName: 'div', hProperties: { [PLACEHOLDER_PROPERTY]: addBlock(state, { kind: 'annotations' }) } },
    children: [list],
    position: list.position,
  } as unknown as RootContent;
}

function placeholder(tag: string, block: Block, node: { position?: Code['position'] }, state: RenderState): RootContent {
  return {
    type: 'pbPlaceholder',
    data: { hName: tag, hProperties: { [PLACEHOLDER_PROPERTY]: addBlock(state, block) } },
    children: [],
    position: node.position,
  } as unknown as RootContent;
}
