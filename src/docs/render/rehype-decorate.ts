/**
 * After sanitising: placeholders (`data-pb="NONCE-index"`) become the generated markup. Only values carrying this
 * process's NONCE name a block; any other `data-pb` (written by the document) is simply deleted.
 *
 * - admonition → `<div class="admonition note"><p class="admonition-title">…</p>…</div>`, collapsible ones
 *   `<details class="admonition note" [open]><summary>…</summary>…</details>` (as mkdocs-material);
 * - tab set → a CSS-only tab set readable without JavaScript or CSS (see README.md):
 *   `<div class="tabbed-set" data-tabs="1:2">` then per tab `<input type="radio" name="__tabbed_1" id="__tabbed_1_1"
 *   checked>` `<label for="__tabbed_1_1">Label</label>` `<div class="tabbed-block">…</div>`;
 * - definition lists → `<dl><dt><dd>`; code → highlighted `<pre>` (in a `<figure>` with `<figcaption>` when titled);
 * - mermaid → `<figure class="mermaid">` SVG + `<details>` with the source; on failure a warning and the source.
 */
import type { Element, ElementContent, Root } from 'hast';
import { firstElementIndex, h, text } from './hast-builders.ts';
import { highlight, languageOf, splitLines } from '../../vocabulary/highlight.ts';
import { renderDiagram } from './mermaid.ts';
import type { Block, CodeBlock, RenderFile, RenderState } from './render-state.ts';
import { blockOf, PLACEHOLDER_PROPERTY, reportAt, stateOf } from './render-state.ts';

type Parent = Root | Element;

export default function rehypeDecorate() {
  return (tree: Root, file: RenderFile): void => {
    const state = stateOf(file);
    decorate(tree, state, new WeakMap());
  };
}

function decorate(parent: Parent, state: RenderState, tabs: WeakMap<Element, { selected: boolean }>): void {
  const children = parent.children as ElementContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'element') continue;
    if (child.children.length > 0) decorate(child, state, tabs);
    if (!(PLACEHOLDER_PROPERTY in child.properties)) continue;
    const block = blockOf(state, child.properties[PLACEHOLDER_PROPERTY]);
    delete child.properties[PLACEHOLDER_PROPERTY];
    if (!block) continue;
    if (block.kind === 'tab') {
      tabs.set(child, block); // built by its tab set, which is decorated after its children
      continue;
    }
    const replacement = build(block, child, state, tabs);
    children.splice(index, 1, ...replacement);
    index += replacement.length - 1;
  }
}

function build(block: Block, element: Element, state: RenderState, tabs: WeakMap<Element, { selected: boolean }>): ElementContent[] {
  switch (block.kind) {
    case 'admonition':
      return [admonition(block, element)];
    case 'tabset':
      return [tabSet(element, state, tabs)];
    case 'dl':
    case 'dd':
      return [h(block.kind, {}, element.children)];
    case 'dt':
      return [h('dt', {}, unwrapParagraph(element.children))];
    case 'code':
      return [codeBlock(block)];
    case 'mermaid':
      return [diagram(block.value, block, state)];
    case 'inline-code': {
      const language = languageOf(block.lang);
      return [h('code', { className: [`language-${block.lang}`] }, highlight(block.value, language))];
    }
    case 'annotations': {
      const list = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ol');
      if (!list) return element.children;
      list.properties['className'] = ['code-annotations'];
      return [list];
    }
    default:
      return element.children;
  }
}

function admonition(block: Extract<Block, { kind: 'admonition' }>, element: Element): Element {
  const children = [...element.children];
  let title: ElementContent[] | undefined;
  if (block.titled) {
    const first = firstElementIndex(children);
    if (first >= 0) {
      const heading = children[first] as Element;
      title = heading.tagName === 'p' ? heading.children : [heading];
      children.splice(0, first + 1);
    }
  }
  if (!title && (block.defaultTitle || block.collapsible !== 'no')) title = [text(block.defaultTitle || 'Note')];
  const className = ['admonition', ...block.types];
  if (block.collapsible === 'no') {
    return h('div', { className }, [...(title ? [h('p', { className: ['admonition-title'] }, title)] : []), ...children]);
  }
  return h('details', { className, open: block.collapsible === 'open' }, [h('summary', {}, title ?? []), ...children]);
}

function tabSet(element: Element, state: RenderState, tabs: WeakMap<Element, { selected: boolean }>): Element {
  const set = ++state.tabSets;
  const panels = element.children.filter((child): child is Element => child.type === 'element' && tabs.has(child));
  let selected = panels.findIndex((panel) => tabs.get(panel)!.selected);
  if (selected < 0) selected = 0;
  const children: ElementContent[] = [];
  panels.forEach((panel, index) => {
    const id = `__tabbed_${set}_${index + 1}`;
    const body = [...panel.children];
    const first = firstElementIndex(body);
    let label: ElementContent[] = [text(`Tab ${index + 1}`)];
    if (first >= 0) {
      const labelElement = body[first] as Element;
      label = labelElement.tagName === 'p' ? labelElement.children : [labelElement];
      body.splice(0, first + 1);
    }
    children.push(
      h('input', { type: 'radio', name: `__tabbed_${set}`, id, checked: index === selected }),
      h('label', { htmlFor: [id] }, label),
      h('div', { className: ['tabbed-block'] }, body),
    );
  });
  return h('div', { className: ['tabbed-set'], dataTabs: `${set}:${panels.length}` }, children);
}

function unwrapParagraph(children: ElementContent[]): ElementContent[] {
  const first = firstElementIndex(children);
  const only = first >= 0 ? (children[first] as Element) : undefined;
  const others = children.filter((child, index) => index !== first && !(child.type === 'text' && !child.value.trim()));
  return only?.tagName === 'p' && others.length === 0 ? only.children : children;
}

function codeBlock(block: CodeBlock): Element {
  const language = languageOf(block.lang);
  const tokens = highlight(block.value, language);
  const classes = block.lang ? [`language-${block.lang}`] : [];
  let content: ElementContent[] = tokens;
  const numbered = block.lineNumbersFrom !== undefined;
  if (block.highlight.size > 0 || numbered) {
    content = [];
    splitLines(tokens).forEach((line, index) => {
      const properties: Element['properties'] = {
        className: block.highlight.has(index + 1) ? ['line', 'highlighted'] : ['line'],
      };
      if (numbered) properties['dataLine'] = block.lineNumbersFrom! + index;
      if (index > 0) content.push(text('\n'));
      content.push(h('span', properties, line));
    });
  }
  const preClasses = numbered ? [...classes, 'line-numbers'] : classes;
  const code = h('code', classes.length > 0 ? { className: classes } : {}, content);
  const pre = h('pre', preClasses.length > 0 ? { className: preClasses } : {}, [code]);
  if (block.title === undefined) return pre;
  return h('figure', { className: ['code-block'] }, [h('figcaption', { className: ['code-title'] }, [text(block.title)]), pre]);
}

function diagram(source: string, at: { line: number; column: number }, state: RenderState): Element {
  const number = ++state.diagrams;
  const result = renderDiagram(source, `mermaid-${number}-`, state.layoutBudget);
  const code = h('pre', {}, [h('code', { className: ['language-mermaid'] }, [text(source)])]);
  if ('error' in result) {
    reportAt(state, 'warning', at, `The mermaid diagram could not be rendered (${result.error}); its source is shown as code.`);
    return h('div', { className: ['mermaid', 'mermaid-error'] }, [code]);
  }
  return h('figure', { className: ['mermaid'] }, [
    result.svg,
    h('details', { className: ['mermaid-source'] }, [h('summary', {}, [text('Diagram source')]), code]),
  ]);
}
