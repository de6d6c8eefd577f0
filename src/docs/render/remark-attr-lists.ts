/**
 * Python-Markdown attribute lists (`{ #id .class key="value" }`):
 * - on headings (`## Title { #custom-id }`): the id is applied, `data-toc-label` names the TOC entry, the rest dropped;
 * - after links and images (`[Go](x){ .md-button }`, `![a](b){ width="300" }`): only safe, known attributes are applied
 *   (button classes, `target="_blank"`, title; image width/height/align/loading), the rest dropped;
 * - at the end of a paragraph or list item (`{ .annotate }` on its own line): dropped.
 * Nothing here can add an attribute the sanitiser would not allow anyway; this only keeps the `{…}` out of the text.
 */
import type { Heading, Paragraph, Parent, PhrasingContent, Root } from 'mdast';

const AT_END = /[ \t]*\{:?[ \t]*([^}\n \t][^}\n]*?)[ \t]*\}[ \t]*$/;
const AT_START = /^\{:?[ \t]*([^}\n \t][^}\n]*?)[ \t]*\}/;
const BLOCK_LINE = /(?:^|\n)[ \t]*\{:?[ \t]*([^}\n \t][^}\n]*?)[ \t]*\}[ \t]*$/;
const TOKEN = /([#.][\w:.-]+)|([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g;
const BUTTON_CLASSES = new Set(['md-button', 'md-button--primary']);
const STYLE_WIDTH = /(?:^|;)\s*width\s*:\s*(\d{1,5})px\s*(?:;|$)/i;
const STYLE_HEIGHT = /(?:^|;)\s*height\s*:\s*(\d{1,5})px\s*(?:;|$)/i;
const SIZE = /^(\d{1,5})(?:px)?$|^(\d{1,3}%)$/;

export interface AttrList {
  id?: string;
  classes: string[];
  values: Map<string, string>;
}

export function parseAttrList(text: string): AttrList {
  const result: AttrList = { classes: [], values: new Map() };
  for (const match of text.matchAll(TOKEN)) {
    const shorthand = match[1];
    if (shorthand) {
      if (shorthand[0] === '#') result.id = shorthand.slice(1);
      else result.classes.push(shorthand.slice(1));
      continue;
    }
    const key = match[2]!.toLowerCase();
    result.values.set(key, match[3] ?? match[4] ?? match[5] ?? '');
  }
  return result;
}

export default function remarkAttrLists() {
  return (tree: Root): void => {
    walk(tree);
  };
}

function walk(parent: Parent): void {
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type === 'heading') headingAttrs(child);
    else if (child.type === 'paragraph' && paragraphAttrs(child)) {
      children.splice(index, 1);
      index--;
      continue;
    }
    if (child.type === 'link' || child.type === 'image' || child.type === 'linkReference' || child.type === 'imageReference') {
      const next = children[index + 1];
      if (next?.type === 'text' && next.value.charCodeAt(0) === 123) {
        const match = AT_START.exec(next.value);
        if (match) {
          applyInline(child, parseAttrList(match[1]!));
          next.value = next.value.slice(match[0].length);
          if (next.value === '') children.splice(index + 1, 1);
        }
      }
    }
    if ('children' in child) walk(child);
  }
}

function headingAttrs(heading: Heading): void {
  const last = heading.children.at(-1);
  if (last?.type !== 'text' || !last.value.endsWith('}')) return;
  const match = AT_END.exec(last.value);
  if (!match) return;
  last.value = last.value.slice(0, match.index).trimEnd();
  if (last.value === '') heading.children.pop();
  const attrs = parseAttrList(match[1]!);
  const properties: Record<string, string> = {};
  if (attrs.id && /^\S+$/.test(attrs.id)) properties['id'] = attrs.id;
  const label = attrs.values.get('data-toc-label');
  if (label) properties['dataTocLabel'] = label;
  if (Object.keys(properties).length > 0) setProperties(heading, properties);
}

/** Strips a trailing attribute-list line; true when nothing is left of the paragraph. */
function paragraphAttrs(paragraph: Paragraph): boolean {
  const last = paragraph.children.at(-1);
  if (last?.type !== 'text' || !last.value.trimEnd().endsWith('}')) return false;
  const match = BLOCK_LINE.exec(last.value);
  if (!match) return false;
  if (match.index === 0 && paragraph.children.length > 1) {
    // `{…}` right after inline content on the same line (e.g. after a link): not a block attribute list.
    if (!last.value.startsWith('\n')) return false;
  }
  last.value = last.value.slice(0, match.index);
  if (last.value === '') paragraph.children.pop();
  trimTrailingBreak(paragraph.children);
  return paragraph.children.length === 0;
}

function trimTrailingBreak(children: PhrasingContent[]): void {
  const last = children.at(-1);
  if (last?.type === 'text') {
    last.value = last.value.trimEnd();
    if (last.value === '') children.pop();
  } else if (last?.type === 'break') {
    children.pop();
  }
}

function applyInline(node: PhrasingContent, attrs: AttrList): void {
  const properties: Record<string, string | string[]> = {};
  const title = attrs.values.get('title');
  if (title) properties['title'] = title;
  if (node.type === 'link' || node.type === 'linkReference') {
    const classes = attrs.classes.filter((name) => BUTTON_CLASSES.has(name));
    if (classes.length > 0) properties['className'] = classes;
    if (attrs.values.get('target') === '_blank') properties['target'] = '_blank';
  } else {
    // `{: style="width: 100px" }` is common in TechDocs; style itself is never applied, its pixel size is.
    const style = attrs.values.get('style') ?? '';
    for (const key of ['width', 'height']) {
      const fromStyle = (key === 'width' ? STYLE_WIDTH : STYLE_HEIGHT).exec(style)?.[1];
      const value = SIZE.exec(attrs.values.get(key) ?? fromStyle ?? '');
      if (value) properties[key] = value[1] ?? value[2]!;
    }
    const align = attrs.values.get('align');
    if (align === 'left' || align === 'right' || align === 'center') properties['align'] = align;
  }
  if (Object.keys(properties).length > 0) setProperties(node, properties);
}

function setProperties(node: { data?: unknown }, properties: Record<string, unknown>): void {
  const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
  data.hProperties = { ...data.hProperties, ...properties };
}

