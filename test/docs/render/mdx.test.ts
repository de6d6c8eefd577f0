import { describe, expect, it } from 'vitest';
import { renderMdxWith, select } from './helpers.ts';

const REFUSED = /not allowed for untrusted repos/;

describe('MDX from untrusted repos', () => {
  it('refuses imports, exports and expressions, each at its line and column, and renders the rest', async () => {
    const source = [
      "import Chart from './chart.js'", // 1
      'export const meta = { title: 1 }', // 2
      '', // 3
      '# Hello {1 + 1}', // 4
      '', // 5
      'Text {props.secret} and {/* a comment */} end.', // 6
      '', // 7
      '{globalThis.process.exit(1)}', // 8
    ].join('\n');
    const doc = await renderMdxWith(source);
    expect(doc.problems.map((problem) => [problem.severity, problem.line, problem.column, problem.message.split(' is ')[0]])).toEqual([
      ['error', 1, 1, 'MDX import'],
      ['error', 2, 1, 'MDX export'],
      ['error', 4, 9, 'MDX expression {1 + 1}'],
      ['error', 6, 6, 'MDX expression {props.secret}'],
      ['error', 8, 1, 'MDX expression {globalThis.process.exit(1)}'],
    ]);
    expect(doc.problems.every((problem) => REFUSED.test(problem.message) && problem.file === 'docs/page.mdx')).toBe(true);
    expect(doc.headings).toEqual([{ depth: 1, id: 'hello', text: 'Hello' }]);
    expect(doc.html).toContain('<p>Text  and  end.</p>');
  });

  it('refuses attribute expressions and spreads, and renders lowercase elements as sanitised HTML', async () => {
    const doc = await renderMdxWith('<div className="box" title={danger} {...rest} onClick="alert(1)">**bold** inside</div>\n\n<a href="other.md" target="_blank">x</a>\n');
    expect(doc.problems.map((problem) => [problem.line, problem.column, problem.message.split(' is ')[0]])).toEqual([
      [1, 22, 'MDX attribute expression title={danger}'],
      [1, 37, 'MDX attribute spread on <div>'],
    ]);
    expect(doc.html).toMatch(/<div>\s*<strong>bold<\/strong>\s*inside\s*<\/div>/);
    expect(doc.html).not.toMatch(/onclick|alert/i);
    expect(select(doc.html, 'a')[0]!.properties).toEqual({ href: 'other.md', target: '_blank', rel: ['noopener', 'noreferrer'] });
    expect(doc.stub.urls).toEqual([{ url: 'other.md', kind: 'link', at: { line: 3, column: 1 }, file: 'docs/page.mdx' }]);
  });

  it('renders the children of components it cannot resolve, with a warning', async () => {
    const doc = await renderMdxWith('<Tabs>\n  <Tab label="One">First tab</Tab>\n</Tabs>\n');
    expect(doc.problems.map((problem) => [problem.severity, problem.line, problem.column])).toEqual([
      ['warning', 1, 1],
      ['warning', 2, 3],
    ]);
    expect(doc.html).toContain('First tab');
    expect(doc.html).not.toContain('Tab');
  });

  it('supports the mkdocs syntax too (admonitions, code)', async () => {
    const doc = await renderMdxWith('!!! note "In MDX"\n    Body.\n\n```js\nlet a = 1;\n```\n');
    expect(doc.html).toContain('<div class="admonition note"><p class="admonition-title">In MDX</p><p>Body.</p></div>');
    expect(doc.html).toContain('<span class="token keyword">let</span>');
    expect(doc.problems).toEqual([]);
  });

  it('turns a syntax error into an error at its position and an error notice page', async () => {
    const doc = await renderMdxWith('# Title\n\nText < with { unclosed\n');
    expect(doc.problems).toEqual([expect.objectContaining({ severity: 'error', file: 'docs/page.mdx', line: 3, message: expect.stringMatching(/^MDX syntax error: /) })]);
    expect(doc.html).toMatch(/^<div class="render-error" role="alert"><p>This page could not be rendered\. MDX syntax error: /);
    expect(doc.headings).toEqual([]);
  });
});

describe('MDX from trusted repos', () => {
  it('evaluates expressions and exported components, still refusing imports and unknown components', async () => {
    const source = [
      'export const Greet = ({ name }) => <strong>Hi {name}</strong>', // 1
      "import Nope from 'nope'", // 2
      '', // 3
      '# Title {1 + 1}', // 4
      '', // 5
      '<Greet name="reader" />', // 6
      '', // 7
      '<Unknown>kept text</Unknown>', // 8
      '', // 9
      '<a href="x.md">jsx link</a> and [md](y.md)', // 10
    ].join('\n');
    const doc = await renderMdxWith(source, { trustedMdx: true });
    expect(doc.html).toContain('<strong>Hi reader</strong>');
    expect(doc.html).toContain('kept text');
    expect(doc.headings).toEqual([{ depth: 1, id: 'title-2', text: 'Title 2' }]);
    expect(doc.problems.map((problem) => [problem.severity, problem.line, problem.message.slice(0, 40)])).toEqual([
      ['error', 2, 'MDX import is not allowed, even for trus'],
      ['warning', 8, 'MDX component <Unknown> is not defined i'],
    ]);
    expect(doc.stub.urls.map((call) => [call.url, call.at.line, call.at.column])).toEqual([
      ['x.md', 10, 4],
      ['y.md', 10, 33],
    ]);
  });

  it('sanitises what trusted MDX renders', async () => {
    const doc = await renderMdxWith('export const Evil = () => <img src="x" onError="alert(1)" />\n\n<Evil />\n\n<a href={"javascript:" + "alert(1)"}>x</a>\n\n{<script>alert(1)</script>}\n', { trustedMdx: true });
    expect(doc.html).not.toMatch(/<script|onerror|javascript:/i);
    expect(select(doc.html, 'img')).toHaveLength(1);
  });

  it('runs the markdown passes (admonitions, highlighting, heading anchors)', async () => {
    const doc = await renderMdxWith('## Part\n\n!!! tip\n    Trusted.\n\n```py\nprint(1)\n```\n', { trustedMdx: true });
    expect(doc.html).toContain('<div class="admonition tip"><p class="admonition-title">Tip</p><p>Trusted.</p></div>');
    expect(doc.html).toContain('<span class="token keyword">print</span>');
    expect(doc.html).toContain('<a class="heading-anchor" href="#part"');
  });

  it('reports a failure while running as an error and renders an error notice', async () => {
    const doc = await renderMdxWith('# A\n\n{(() => { throw new Error("boom") })()}\n', { trustedMdx: true });
    expect(doc.problems).toEqual([expect.objectContaining({ severity: 'error', line: 1, message: expect.stringContaining('boom') })]);
    expect(doc.html).toContain('class="render-error"');
  });
});
