/**
 * Syntax highlighting, the one highlighter of docs code blocks, API definitions and plugin code blocks: refractor
 * (Prism's grammars → hast), `<span class="token keyword">` tokens, no inline styles, so any Prism theme CSS applies.
 * Unknown languages are plain (escaped) text. For `hl_lines` and `linenums` the docs renderer splits the tokens per
 * line (nested tokens re-opened on each line, `splitLines`); pages get HTML (`highlightDefinition`, `highlightCode`).
 */
import type { Element, ElementContent, Text } from 'hast';
import { refractor } from 'refractor/core';
import bash from 'refractor/bash';
import c from 'refractor/c';
import cpp from 'refractor/cpp';
import csharp from 'refractor/csharp';
import css from 'refractor/css';
import diff from 'refractor/diff';
import docker from 'refractor/docker';
import go from 'refractor/go';
import graphql from 'refractor/graphql';
import groovy from 'refractor/groovy';
import hcl from 'refractor/hcl';
import http from 'refractor/http';
import ini from 'refractor/ini';
import java from 'refractor/java';
import javascript from 'refractor/javascript';
import json from 'refractor/json';
import jsx from 'refractor/jsx';
import kotlin from 'refractor/kotlin';
import makefile from 'refractor/makefile';
import markdown from 'refractor/markdown';
import markup from 'refractor/markup';
import powershell from 'refractor/powershell';
import properties from 'refractor/properties';
import protobuf from 'refractor/protobuf';
import python from 'refractor/python';
import ruby from 'refractor/ruby';
import rust from 'refractor/rust';
import scala from 'refractor/scala';
import sql from 'refractor/sql';
import toml from 'refractor/toml';
import tsx from 'refractor/tsx';
import typescript from 'refractor/typescript';
import yaml from 'refractor/yaml';
import { escapeHtml } from './escape-html.ts';

for (const syntax of [
  markup,
  css,
  javascript,
  typescript,
  jsx,
  tsx,
  bash,
  c,
  cpp,
  csharp,
  diff,
  docker,
  go,
  graphql,
  groovy,
  hcl,
  http,
  ini,
  java,
  json,
  kotlin,
  makefile,
  markdown,
  powershell,
  properties,
  protobuf,
  python,
  ruby,
  rust,
  scala,
  sql,
  toml,
  yaml,
]) {
  refractor.register(syntax);
}

/** Names docs use that Prism does not know by that name. */
const ALIASES: Record<string, string> = {
  console: 'bash',
  'shell-session': 'bash',
  'sh-session': 'bash',
  zsh: 'bash',
  'c++': 'cpp',
  golang: 'go',
  jsonc: 'json',
  json5: 'json',
  proto: 'protobuf',
  gql: 'graphql',
  tf: 'hcl',
  terraform: 'hcl',
  ps1: 'powershell',
  pwsh: 'powershell',
  rs: 'rust',
  rb: 'ruby',
  py3: 'python',
  python3: 'python',
  htm: 'markup',
  xhtml: 'markup',
  conf: 'ini',
  cfg: 'ini',
  gradle: 'groovy',
  kts: 'kotlin',
  dockerfile: 'docker',
  cs: 'csharp',
};

/** The Prism language to use for a fence language, or undefined when it is not known (plain text). */
export function languageOf(lang: string): string | undefined {
  if (!lang) return undefined;
  const name = ALIASES[lang] ?? lang;
  return refractor.registered(name) ? name : undefined;
}

/** Highlighted hast children for `value`, or a single text node when the language is unknown. */
export function highlight(value: string, language: string | undefined): ElementContent[] {
  if (!language) return [{ type: 'text', value }];
  try {
    return refractor.highlight(value, language).children as ElementContent[];
  } catch {
    return [{ type: 'text', value }];
  }
}

/** Splits highlighted content into lines, re-opening nested token spans on every line they cover. */
export function splitLines(nodes: readonly ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'text') {
      const parts = node.value.split('\n');
      pushText(lines.at(-1)!, parts[0]!);
      for (let index = 1; index < parts.length; index++) {
        lines.push([]);
        pushText(lines.at(-1)!, parts[index]!);
      }
    } else if (node.type === 'element') {
      const inner = splitLines(node.children);
      lines.at(-1)!.push(reopen(node, inner[0]!));
      for (let index = 1; index < inner.length; index++) lines.push([reopen(node, inner[index]!)]);
    }
  }
  return lines;
}

function reopen(element: Element, children: ElementContent[]): Element {
  return { type: 'element', tagName: element.tagName, properties: { ...element.properties }, children };
}

function pushText(line: ElementContent[], value: string): void {
  if (value) line.push({ type: 'text', value } satisfies Text);
}

/** The languages of API definitions and plugin code blocks, as they are named there → Prism's name. */
const definitionLanguages: Readonly<Record<string, string>> = { yaml: 'yaml', json: 'json', graphql: 'graphql', proto: 'protobuf' };

/**
 * An API definition (`yaml`, `json`, `graphql`, `proto`) highlighted to HTML; another language is escaped plain text.
 * Every character of the text is escaped (`escapeHtml`), so an untrusted definition cannot inject markup.
 */
export function highlightDefinition(text: string, language: string): string {
  const grammar = definitionLanguages[language];
  return grammar ? tokensHtml(prism.tokenize(text, refractor.languages[grammar]!)) : escapeHtml(text);
}

/** A plugin's code block: highlighted in a definition language (by its name or Prism's), else escaped plain text. */
export function highlightCode(text: string, language = 'text'): { language: string; html: string } {
  const known = definitionLanguages[language] ? language : Object.keys(definitionLanguages).find((key) => definitionLanguages[key] === language);
  return { language: known ?? 'text', html: highlightDefinition(text, known ?? 'text') };
}

/** Prism's tokens, as its tokenizer returns them. */
type TokenStream = string | PrismToken | (string | PrismToken)[];
interface PrismToken {
  type: string;
  content: TokenStream;
  alias?: string | string[];
}

/**
 * Refractor is Prism with its output turned into hast. A whole definition is one string of HTML, so its tokens are
 * written out directly, as Prism writes them (`<span class="token key atrule">`), without building hast first.
 */
const prism = refractor as unknown as { tokenize(text: string, grammar: object): TokenStream };

function tokensHtml(stream: TokenStream): string {
  if (typeof stream === 'string') return escapeHtml(stream);
  if (Array.isArray(stream)) return stream.map(tokensHtml).join('');
  const classes = ['token', stream.type, ...(stream.alias === undefined ? [] : typeof stream.alias === 'string' ? [stream.alias] : stream.alias)];
  return `<span class="${escapeHtml(classes.join(' '))}">${tokensHtml(stream.content)}</span>`;
}
