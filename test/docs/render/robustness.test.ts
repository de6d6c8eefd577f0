import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderMdx } from '../../../src/docs/render/index.ts';
import { render, stub } from './helpers.ts';

const NASTY = [
  '',
  '\uFEFF# BOM page',
  '\r\n# Windows\r\n\r\n!!! note\r\n    body\r\n',
  '>'.repeat(5000) + ' deep quote',
  '- '.repeat(3000) + 'deep list',
  '!!! note\n' + '    '.repeat(1) + '!!! note\n' + '        x\n',
  '!!! note\n    ' + '=== "a"\n        '.repeat(200) + 'deep',
  '[x](' + '('.repeat(10000),
  '`'.repeat(10000),
  '<'.repeat(10000),
  '<div>'.repeat(2000),
  '| a |\n|---|\n' + '| x |\n'.repeat(2000),
  ':   definition without a term\n',
  '=== "unterminated\n',
  '```mermaid\n' + 'graph TD\n' + 'A-->B\n'.repeat(50) + '```\n',
  '{% include-markdown "never-closed.md"\n',
  '--8<--\nunterminated block\n',
  '\u0000\u0001\u0002 control characters \u202e RTL override',
  '# ' + 'x'.repeat(100000),
];

describe('robustness', () => {
  it.each(NASTY.map((source, index) => [index, source] as const))('never throws on nasty input #%i', async (_index, source) => {
    const doc = await render(source);
    expect(typeof doc.html).toBe('string');
    expect(Array.isArray(doc.problems)).toBe(true);
    const mdx = await renderMdx(source, stub().context);
    expect(typeof mdx.html).toBe('string');
  });

  it('stops nesting block quotes and lists on one line after 32 levels, with a warning (the parser is quadratic)', async () => {
    const started = performance.now();
    const doc = await render(`# T\n\n${'- '.repeat(5000)}deep\n\n${'>'.repeat(5000)} quote\n`);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(doc.problems.map((problem) => [problem.severity, problem.line, problem.column])).toEqual([
      ['warning', 3, 65],
      ['warning', 5, 33],
    ]);
  });

  it('turns an internal failure into an error at line 1 and a minimal page', async () => {
    const context = stub().context;
    const broken = { ...context, readInclude: null as unknown as typeof context.readInclude, file: 'docs/x.md' };
    const doc = await renderMarkdown('# T\n\n--8<-- "x.md"\n', broken);
    expect(doc.problems[0]).toMatchObject({ severity: 'error', file: 'docs/x.md' });
    expect(typeof doc.html).toBe('string');
  });

  it('survives a non-string source', async () => {
    const doc = await renderMarkdown(undefined as unknown as string, stub().context);
    expect(doc.html).toBe('');
  });

  it('is deterministic: the same input gives byte-identical output', async () => {
    const source = '# A\n\n!!! note\n    x\n\n=== "1"\n    a\n\n=== "2"\n    b\n\n```mermaid\ngraph TD\n  A-->B\n```\n\n```py hl_lines="1"\nx = 1\n```\n';
    const first = await render(source);
    const second = await render(source);
    expect(second.html).toBe(first.html);
    expect(second.ids).toEqual(first.ids);
  });

  it('numbers tab sets and diagrams per page, not per process', async () => {
    const source = '=== "a"\n    x\n';
    await render(source);
    const again = await render(source);
    expect(again.ids).toEqual(['__tabbed_1_1']);
  });
});
