/** The few MDX node shapes the renderer touches (kept local: remark-mdx's types are not a direct dependency). */
import type { Position } from 'unist';

export interface EstreeNode {
  type: string;
  loc?: { start: { line: number; column: number } };
  declaration?: { type: string; id?: { name?: string } | null; declarations?: Array<{ id?: { type: string; name?: string } }> } | null;
  specifiers?: Array<{ exported?: { name?: string } }>;
}

export interface MdxEsm {
  type: 'mdxjsEsm';
  value: string;
  position?: Position;
  data?: { estree?: { body: EstreeNode[] } };
}

export interface MdxExpression {
  type: 'mdxFlowExpression' | 'mdxTextExpression';
  value: string;
  position?: Position;
  data?: { estree?: { body: unknown[] } };
}

export interface MdxJsxAttribute {
  type: 'mdxJsxAttribute' | 'mdxJsxExpressionAttribute';
  name?: string;
  value?: string | null | { type: string; value: string };
  position?: Position;
}

export interface MdxJsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: MdxJsxAttribute[];
  children: unknown[];
  position?: Position;
}

export function isMdxNode(node: { type: string }): boolean {
  return node.type.startsWith('mdx');
}

/** `{…}` with only comments (or nothing) inside: MDX's comment idiom, harmless. */
export function isCommentOnly(node: MdxExpression): boolean {
  const body = node.data?.estree?.body;
  return body ? body.length === 0 : node.value.trim() === '';
}

/** 1-based position of an estree statement (its `loc` is in document lines, 0-based columns). */
export function statementPoint(statement: EstreeNode, fallback?: Position): { line: number; column: number } | undefined {
  if (statement.loc) return { line: statement.loc.start.line, column: statement.loc.start.column + 1 };
  return fallback?.start;
}

export function preview(value: string): string {
  const compact = value.replace(/\s+/g, ' ').trim();
  return compact.length > 40 ? `${compact.slice(0, 37)}…` : compact;
}
