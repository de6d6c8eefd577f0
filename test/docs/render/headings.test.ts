import { describe, expect, it } from 'vitest';
import { slugify, uniqueId } from '../../../src/docs/render/slugify.ts';
import { render, select } from './helpers.ts';

describe('mkdocs slugify', () => {
  it.each([
    ['Hello World', 'hello-world'],
    ['  Spaces   and --- hyphens  ', 'spaces-and-hyphens'],
    ['Crème brûlée & café', 'creme-brulee-cafe'],
    ['`type` [Required]', 'type-required'],
    ['C++ / C#', 'c-c'],
    ['snake_case_name', 'snake_case_name'],
    ['Ünïcödé ﬁ ligature', 'unicode-fi-ligature'],
    ['日本語', ''],
    ['What is 4 plus 4?', 'what-is-4-plus-4'],
  ])('%j → %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('numbers duplicates like toc.unique, including ids that already end in _N', () => {
    const used = new Set<string>();
    expect(['a', 'a', 'a', 'a_1', ''].map((id) => uniqueId(id, used))).toEqual(['a', 'a_1', 'a_2', 'a_3', '_1']);
  });

  it('gives the ids toc.unique gives for any mix of repeated and numbered ids', () => {
    // Python-Markdown's loop, step by step: the reference the resumed search must match.
    const reference = (id: string, taken: Set<string>) => {
      while (id === '' || taken.has(id)) {
        const counted = /^(.*)_([0-9]+)$/.exec(id);
        id = counted ? `${counted[1]}_${Number(counted[2]) + 1}` : `${id}_1`;
      }
      taken.add(id);
      return id;
    };
    const pool = ['a', 'a_1', 'a_2', 'a_5', 'b', 'b_1_1', '', '_1', 'a_1_1'];
    let seed = 7;
    const ids = Array.from({ length: 400 }, () => pool[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % pool.length]!);
    const ours = new Set<string>();
    const theirs = new Set<string>();
    expect(ids.map((id) => uniqueId(id, ours))).toEqual(ids.map((id) => reference(id, theirs)));
  });

  it('numbers 20,000 identical headings without searching from _1 each time', () => {
    const used = new Set<string>();
    const ids = Array.from({ length: 20_000 }, () => uniqueId('h', used));
    expect(ids.at(-1)).toBe('h_19999');
    expect(new Set(ids).size).toBe(20_000);
  });
});

describe('heading ids and anchors', () => {
  it('gives every heading an mkdocs id, duplicates numbered, and an accessible anchor link', async () => {
    const doc = await render('# Intro\n\n## Set up\n\n## Set up\n\n### Set up\n');
    expect(doc.headings).toEqual([
      { depth: 1, id: 'intro', text: 'Intro' },
      { depth: 2, id: 'set-up', text: 'Set up' },
      { depth: 2, id: 'set-up_1', text: 'Set up' },
      { depth: 3, id: 'set-up_2', text: 'Set up' },
    ]);
    const anchors = select(doc.html, 'a').filter((a) => String(a.properties['className']).includes('heading-anchor'));
    expect(anchors.map((a) => a.properties['href'])).toEqual(['#intro', '#set-up', '#set-up_1', '#set-up_2']);
    expect(anchors[1]!.properties['ariaLabel']).toBe('Link to this section: Set up');
    // The anchor sits next to the heading, so the heading's accessible name stays its text.
    expect(select(doc.html, 'h2')[0]!.children).toEqual([expect.objectContaining({ type: 'text', value: 'Set up' })]);
  });

  it('honours explicit { #custom-id } and {#id .class} attribute lists and strips them from the text', async () => {
    const doc = await render('## Install { #setup }\n\n### Other {#other .wide}\n\n## Plain {: #colon-form }\n');
    expect(doc.headings.map((heading) => [heading.id, heading.text])).toEqual([
      ['setup', 'Install'],
      ['other', 'Other'],
      ['colon-form', 'Plain'],
    ]);
    expect(doc.html).not.toContain('{');
  });

  it('avoids ids already used elsewhere in the page', async () => {
    const doc = await render('<p id="usage">raw</p>\n\n## Usage\n');
    expect(doc.headings[0]!.id).toBe('usage_1');
    expect(doc.ids).toEqual(['usage', 'usage_1']);
  });

  it('uses data-toc-label for the outline text', async () => {
    const doc = await render('## A very long heading title { data-toc-label="Short" }\n');
    expect(doc.headings[0]).toEqual({ depth: 2, id: 'a-very-long-heading-title', text: 'Short' });
    expect(doc.html).not.toContain('data-toc-label');
  });

  it('lists h1–h4 in the outline but gives h5/h6 ids too', async () => {
    const doc = await render('# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6\n');
    expect(doc.headings.map((heading) => heading.depth)).toEqual([1, 2, 3, 4]);
    expect(doc.ids).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('slugs the text of inline code and drops icons and emoji from ids', async () => {
    const doc = await render('## `docs/extra.css` :material-check: file :tada:\n');
    expect(doc.headings[0]!.id).toBe('docsextracss-file');
  });
});
