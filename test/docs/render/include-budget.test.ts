import { describe, expect, it } from 'vitest';
import { MAX_INCLUDES, MAX_PAGE_CHARACTERS } from '../../../src/docs/render/includes.ts';
import { snippetFanOut } from '../../support/expansion-bombs.ts';
import { render } from './helpers.ts';

const snippet = (target: string) => `--8<-- "docs/snippets/${target}"`;
const includeMarkdown = (target: string) => `{% include-markdown "${target}" %}`;

describe('the include budget of a page', () => {
  for (const [name, directive] of [
    ['--8<-- snippets', snippet],
    ['include-markdown', includeMarkdown],
  ] as const) {
    it(`stops nine ${name} files that each include the next ten times, with one located error, and renders the rest of the page`, async () => {
      const started = performance.now();
      const doc = await render(`# Page\n\nBefore.\n\n${directive(name === 'include-markdown' ? 'snippets/s1.md' : 's1.md')}\n\nAfter.\n`, snippetFanOut(directive));
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(doc.problems).toEqual([
        {
          severity: 'error',
          file: expect.stringMatching(/^docs\/snippets\/s[1-8]\.md$/),
          line: expect.any(Number),
          column: 1,
          message: expect.stringMatching(new RegExp(`^Include "(docs/snippets/)?s\\d\\.md" was not pasted: it would be include number ${MAX_INCLUDES + 1} of this page, and a page may paste at most ${MAX_INCLUDES} \\(nested ones counted\\); it and \\d+ later includes of the page were left out\\.$`)),
        },
      ]);
      expect(doc.problems[0]!.line).toBeLessThanOrEqual(10);
      expect(doc.html).toContain('<p>Before.</p>');
      expect(doc.html).toContain('<p>After.</p>');
      // Everything up to the budget is pasted: each include of s9 adds its line.
      expect(doc.html.split('Leaf text.').length - 1).toBeGreaterThan(100);
      expect(doc.html.length).toBeLessThan(100_000);
    });
  }

  it('stops the include that would make the page longer than its character limit, at that directive', async () => {
    const big = `${'Long line of documentation text. '.repeat(30)}\n`.repeat(300);
    const directives = Array.from({ length: 10 }, () => '--8<-- "big.md"').join('\n\n');
    const doc = await render(`# Page\n\n${directives}\n\nAfter.\n`, { 'big.md': big });
    const fit = Math.floor((MAX_PAGE_CHARACTERS - 200) / big.length);
    expect(doc.problems).toEqual([
      {
        severity: 'error',
        file: 'docs/page.md',
        line: 3 + 2 * fit,
        column: 1,
        message: `Include "big.md" was not pasted: with it the page would be longer than 2,000,000 characters, the most a page may be with its includes; it and ${9 - fit} later includes of the page were left out.`,
      },
    ]);
    expect(doc.html).toContain('<p>After.</p>');
  });

  it('pastes real pages with a dozen includes as before', async () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`docs/part${index}.md`, `Part ${index}.\n`]));
    const doc = await render(Object.keys(files).map((file) => `--8<-- "${file}"`).join('\n\n'), files);
    expect(doc.problems).toEqual([]);
    expect(doc.html.match(/<p>Part \d+\.<\/p>/g)).toHaveLength(12);
  });
});
