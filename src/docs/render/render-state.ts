/**
 * Per-page state shared by the preprocessor and the unified plugins (carried in `file.data.render`): problems, the
 * line map, and the side table of generated blocks that placeholders in the tree refer to.
 */
import { randomBytes } from 'node:crypto';
import type { Heading, RenderContext, RenderProblem } from './render-context.ts';
import { MAX_PAGE_LAYOUT, type LayoutBudget } from './mermaid.ts';
import type { LineOrigin, MappedPosition } from './source-lines.ts';
import { mapPosition } from './source-lines.ts';

/**
 * Generated structure (admonitions, tabs, code blocks, diagrams) travels through parsing and sanitising as
 * placeholders that carry this per-process secret. The document cannot know it, so it cannot forge a placeholder
 * to smuggle trusted markup past the sanitiser; it never reaches the output, so output stays deterministic.
 */
export const NONCE = randomBytes(12).toString('hex');

/** The attribute (hast property) that marks a placeholder: value `${NONCE}-${index into blocks}`. */
export const PLACEHOLDER_PROPERTY = 'dataPb';

export type ContainerBlock =
  | { kind: 'admonition'; types: string[]; titled: boolean; defaultTitle: string; collapsible: 'no' | 'closed' | 'open' }
  | { kind: 'tabset' }
  | { kind: 'tab'; selected: boolean }
  | { kind: 'dl' }
  | { kind: 'dt' }
  | { kind: 'dd' };

export interface CodeBlock {
  kind: 'code';
  lang: string;
  value: string;
  title?: string;
  highlight: Set<number>;
  lineNumbersFrom?: number;
  /** Line (preprocessed text) of the fence, for problems. */
  line: number;
  column: number;
}

export type Block =
  | ContainerBlock
  | CodeBlock
  | { kind: 'mermaid'; value: string; line: number; column: number }
  | { kind: 'inline-code'; lang: string; value: string }
  | { kind: 'annotations' }
  | { kind: 'keys'; keys: string[] };

export interface RenderState {
  context: RenderContext;
  mode: 'md' | 'mdx';
  problems: RenderProblem[];
  origins: LineOrigin[];
  blocks: Block[];
  /** Raw HTML reached the tree (decides whether the HTML parser has to run). */
  hasRawHtml: boolean;
  hasMermaid: boolean;
  tabSets: number;
  diagrams: number;
  /** What the page's diagrams may still lay out (nodes + edges). */
  layoutBudget: LayoutBudget;
  /** Filled by rehype-headings. */
  headings: Heading[];
  ids: string[];
  firstH1?: string;
}

export function createState(context: RenderContext, mode: 'md' | 'mdx'): RenderState {
  return {
    context,
    mode,
    problems: [],
    origins: [],
    blocks: [],
    hasRawHtml: false,
    hasMermaid: false,
    tabSets: 0,
    diagrams: 0,
    layoutBudget: { remaining: MAX_PAGE_LAYOUT },
    headings: [],
    ids: [],
  };
}

/** Records a problem at an ORIGINAL position. */
export function report(
  state: RenderState,
  severity: 'error' | 'warning',
  at: { file: string; line: number; column: number },
  message: string,
): void {
  state.problems.push({
    severity,
    file: at.file || state.context.file,
    line: Math.max(1, at.line),
    column: Math.max(1, at.column),
    message,
  });
}

/** Records a problem at a position of the preprocessed text. */
export function reportAt(
  state: RenderState,
  severity: 'error' | 'warning',
  point: { line: number; column: number } | undefined,
  message: string,
): void {
  report(state, severity, locate(state, point), message);
}

export function locate(state: RenderState, point: { line: number; column: number } | undefined): MappedPosition {
  if (!point || state.origins.length === 0) return { file: state.context.file, line: 1, column: 1 };
  return mapPosition(state.origins, point.line, point.column);
}

/** Adds a block to the side table and returns the placeholder value naming it. */
export function addBlock(state: RenderState, block: Block): string {
  state.blocks.push(block);
  return `${NONCE}-${state.blocks.length - 1}`;
}

export function addBlockIndex(state: RenderState, block: Block): number {
  state.blocks.push(block);
  return state.blocks.length - 1;
}

/** The block a placeholder value names, or undefined for a forged or foreign value. */
export function blockOf(state: RenderState, value: unknown): Block | undefined {
  if (typeof value !== 'string' || !value.startsWith(NONCE) || value.charCodeAt(NONCE.length) !== 45) return undefined;
  const index = Number(value.slice(NONCE.length + 1));
  return Number.isInteger(index) ? state.blocks[index] : undefined;
}

/** What the unified plugins receive as `file`: only its `data` is used. */
export interface RenderFile {
  data: unknown;
}

export function stateOf(file: RenderFile): RenderState {
  return (file.data as { render: RenderState }).render;
}

/** Thrown after an MDX syntax error has been reported with its position: the page becomes an error notice. */
export class MdxSyntaxError extends Error {}

/** Reports an MDX parse/compile error (a VFileMessage with a position in the preprocessed text) and returns the throwable. */
export function mdxSyntaxError(state: RenderState, error: unknown): MdxSyntaxError {
  const message = error instanceof Error ? error.message : String(error);
  const place = error as { line?: number | null; column?: number | null; reason?: string };
  const reason = (place.reason ?? message).split('\n')[0]!.trim();
  const point = typeof place.line === 'number' && place.line > 0 ? { line: place.line, column: place.column ?? 1 } : undefined;
  reportAt(state, 'error', point, `MDX syntax error: ${reason}`);
  return new MdxSyntaxError(`MDX syntax error: ${reason}`);
}
