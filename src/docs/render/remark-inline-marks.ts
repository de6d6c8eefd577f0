/**
 * pymdownx inline syntax on text nodes (never inside code):
 * `==mark==` → <mark>, `^^insert^^` → <ins> (both may span other inline nodes, e.g. `==**bold**==`),
 * `^sup^` → <sup>, `~sub~` → <sub> (no spaces inside, as pymdownx.caret/tilde), `++ctrl+alt+del++` → <kbd> keys,
 * emoji shortcodes (`:tada:`) → Unicode, icon shortcodes (`:material-…:`, `:octicons-…:`, `:fontawesome-…:`,
 * `:simple-…:`, with an optional attribute list) → dropped (an icon font is not shipped; never a broken image).
 * `~~del~~` is GFM strikethrough (remark-gfm runs with `singleTilde: false` so that `~sub~` reaches this plugin).
 */
import type { Link, Parent, PhrasingContent, Root, Text } from 'mdast';
import { EMOJI } from './emoji.ts';

const INLINE =
  /:(?:material|octicons|fontawesome|simple)-[\w-]+:(?:\{[^}\n]*\})?[ \t]*|:([\w+-]+):|\+\+([\w-]+(?:\+[\w-]+)*)\+\+|(?<!\^)\^(?![\^\s])([^\s^]+?)\^(?!\^)|(?<!~)~(?![~\s])([^\s~]+?)~(?!~)/g;
const QUICK = /[:+^~]/;

/** Display names of common keys (pymdownx.keys names them the same way). */
const KEY_NAMES: Record<string, string> = {
  ctrl: 'Ctrl',
  control: 'Ctrl',
  alt: 'Alt',
  shift: 'Shift',
  cmd: 'Cmd',
  command: 'Cmd',
  meta: 'Meta',
  super: 'Super',
  windows: 'Win',
  win: 'Win',
  option: 'Option',
  opt: 'Option',
  del: 'Del',
  delete: 'Del',
  enter: 'Enter',
  return: 'Return',
  esc: 'Esc',
  escape: 'Esc',
  tab: 'Tab',
  space: 'Space',
  backspace: 'Backspace',
  'caps-lock': 'Caps Lock',
  insert: 'Ins',
  ins: 'Ins',
  home: 'Home',
  end: 'End',
  'page-up': 'Page Up',
  'page-down': 'Page Down',
  'arrow-up': '↑',
  'arrow-down': '↓',
  'arrow-left': '←',
  'arrow-right': '→',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
};

export default function remarkInlineMarks() {
  return (tree: Root): void => {
    walk(tree);
  };
}

function walk(parent: Parent): void {
  for (const child of parent.children) {
    if ('children' in child && !(child.type === 'link' && isLiteralAutolink(child))) walk(child);
  }
  const children = parent.children as PhrasingContent[];
  if (!children.some((child) => child.type === 'text')) return;
  pair(children, '==', 'mark');
  pair(children, '^^', 'ins');
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type === 'text' && QUICK.test(child.value)) {
      const replacement = inline(child);
      if (replacement) {
        children.splice(index, 1, ...replacement);
        index += replacement.length - 1;
      }
    } else if ((child.type as string).startsWith('pb') && 'children' in child) {
      walk(child as Parent); // a <mark>/<ins> just made: its text still needs the single-node marks
    }
  }
}

function isLiteralAutolink(link: Link): boolean {
  const only = link.children.length === 1 ? link.children[0] : undefined;
  if (only?.type !== 'text') return false;
  return link.url === only.value || link.url.endsWith(`//${only.value}`) || link.url === `mailto:${only.value}`;
}

function inline(node: Text): PhrasingContent[] | undefined {
  const value = node.value;
  const out: PhrasingContent[] = [];
  let last = 0;
  let changed = false;
  for (const match of value.matchAll(INLINE)) {
    const [whole, emoji, keys, sup, sub] = match;
    let made: PhrasingContent | string | undefined;
    if (emoji !== undefined) {
      const character = EMOJI.get(emoji);
      if (character === undefined) continue;
      made = character;
    } else if (keys !== undefined) {
      made = keyboard(keys);
    } else if (sup !== undefined) {
      made = element('sup', [text(sup)]);
    } else if (sub !== undefined) {
      made = element('sub', [text(sub)]);
    } else {
      made = ''; // icon shortcode: dropped
    }
    changed = true;
    appendText(out, value.slice(last, match.index));
    if (typeof made === 'string') appendText(out, made);
    else out.push(made);
    last = match.index + whole.length;
  }
  if (!changed) return undefined;
  appendText(out, value.slice(last));
  return out;
}

function keyboard(spec: string): PhrasingContent {
  const keys: PhrasingContent[] = [];
  for (const name of spec.split('+')) {
    if (keys.length > 0) keys.push(text('+'));
    const lower = name.toLowerCase();
    const label = KEY_NAMES[lower] ?? (name.length === 1 ? name.toUpperCase() : name.charAt(0).toUpperCase() + name.slice(1));
    keys.push(element('kbd', [text(label)]));
  }
  return element('kbd', keys, { className: ['keys'] });
}

/** Wraps the nodes between a `delimiter` opener and its closer (possibly in a later text sibling) in `tag`. */
function pair(children: PhrasingContent[], delimiter: string, tag: string): void {
  let index = 0;
  while (index < children.length) {
    const node = children[index]!;
    if (node.type !== 'text') {
      index++;
      continue;
    }
    const open = findOpener(node.value, delimiter);
    if (open < 0) {
      index++;
      continue;
    }
    const before = node.value.slice(0, open);
    const rest = node.value.slice(open + delimiter.length);
    let closeNode = index;
    let close = findCloser(rest, delimiter, 1);
    let inner: PhrasingContent[];
    let after: string;
    if (close >= 0) {
      inner = [text(rest.slice(0, close))];
      after = rest.slice(close + delimiter.length);
    } else {
      for (closeNode = index + 1; closeNode < children.length; closeNode++) {
        const candidate = children[closeNode]!;
        if (candidate.type === 'text') {
          close = findCloser(candidate.value, delimiter, 0);
          if (close >= 0) break;
        }
      }
      if (close < 0) {
        index++;
        continue;
      }
      const closing = children[closeNode] as Text;
      inner = [...(rest ? [text(rest)] : []), ...children.slice(index + 1, closeNode)];
      if (close > 0) inner.push(text(closing.value.slice(0, close)));
      after = closing.value.slice(close + delimiter.length);
    }
    const replacement: PhrasingContent[] = [];
    if (before) replacement.push(text(before));
    replacement.push(element(tag, inner));
    if (after) replacement.push(text(after));
    children.splice(index, closeNode - index + 1, ...replacement);
    index += before ? 2 : 1;
  }
}

function findOpener(value: string, delimiter: string): number {
  const mark = delimiter.charCodeAt(0);
  for (let at = value.indexOf(delimiter); at >= 0; at = value.indexOf(delimiter, at + 1)) {
    const next = value.charCodeAt(at + delimiter.length);
    if (value.charCodeAt(at - 1) === mark || next === mark) continue;
    if (Number.isNaN(next) || isSpace(next)) continue;
    return at;
  }
  return -1;
}

function findCloser(value: string, delimiter: string, from: number): number {
  const mark = delimiter.charCodeAt(0);
  for (let at = value.indexOf(delimiter, from); at >= 0; at = value.indexOf(delimiter, at + 1)) {
    if (value.charCodeAt(at + delimiter.length) === mark) continue;
    if (at > 0 && (value.charCodeAt(at - 1) === mark || isSpace(value.charCodeAt(at - 1)))) continue;
    return at;
  }
  return -1;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function text(value: string): Text {
  return { type: 'text', value };
}

function appendText(out: PhrasingContent[], value: string): void {
  if (!value) return;
  const last = out.at(-1);
  if (last?.type === 'text') last.value += value;
  else out.push(text(value));
}

function element(tag: string, children: PhrasingContent[], properties?: Record<string, unknown>): PhrasingContent {
  return {
    type: `pb${tag}`,
    data: { hName: tag, ...(properties ? { hProperties: properties } : {}) },
    children,
  } as unknown as PhrasingContent;
}
