import { describe, expect, it } from 'vitest';
import { longStringAliased } from '../../support/expansion-bombs.ts';
import { render } from './helpers.ts';

describe('front matter', () => {
  it('gives the title and description and is removed from the body', async () => {
    const doc = await render('---\ntitle: Setup guide\ndescription: How to set it up\ntags: [a]\n---\n# Other heading\n\nBody.\n');
    expect(doc.title).toBe('Setup guide');
    expect(doc.description).toBe('How to set it up');
    expect(doc.html).not.toContain('tags');
    expect(doc.html).not.toContain('<hr>');
    expect(doc.problems).toEqual([]);
  });

  it('falls back to the text of the first h1 for the title', async () => {
    const doc = await render('Intro\n\n# The `real` title\n\n# Second h1\n');
    expect(doc.title).toBe('The real title');
    expect(doc.description).toBeUndefined();
  });

  it('keeps the line numbers of the body for later problems', async () => {
    const doc = await render('---\ntitle: x\n---\n\n--8<-- "missing.md"\n');
    expect(doc.problems).toMatchObject([{ severity: 'error', line: 5, column: 1, file: 'docs/page.md' }]);
  });

  it('reports a YAML error at its line and still renders the page', async () => {
    const doc = await render('---\ntitle: ok\ndescription: [unclosed\n---\n# Page\n\nStill here.\n');
    expect(doc.problems).toHaveLength(1);
    expect(doc.problems[0]).toMatchObject({ severity: 'error', file: 'docs/page.md' });
    expect(doc.problems[0]).toMatchObject({ line: 3, column: 23 });
    expect(doc.problems[0]!.message).toMatch(/Front matter is not valid YAML/);
    expect(doc.html).toContain('Still here.');
    expect(doc.title).toBe('Page');
  });

  it('treats a `---` without a closing line as a thematic break, not front matter', async () => {
    const doc = await render('---\n\n# Title\n');
    expect(doc.html).toContain('<hr>');
    expect(doc.title).toBe('Title');
  });
});

describe('front matter that expands through aliases', () => {
  it('is not read, with a located problem naming the limit, and the page still renders with its heading as title', async () => {
    const frontMatter = `title: Bomb\n${longStringAliased(49, 50_000)}`;
    const doc = await render(`---\n${frontMatter}\n---\n# Page\n\nStill here.\n`);
    expect(doc.problems).toEqual([
      {
        severity: 'error',
        file: 'docs/page.md',
        line: 2,
        column: 1,
        message: `Front matter was not read: with its aliases written out it expands to more than ${(4 * frontMatter.length).toLocaleString('en-US')} values or 2,000,000 characters, the most a YAML file of ${frontMatter.length.toLocaleString('en-US')} characters may expand to.`,
      },
    ]);
    expect(doc.html).toContain('Still here.');
    expect(doc.title).toBe('Page');
  });

  it('is refused when it contains itself through an alias', async () => {
    const doc = await render('---\ntitle: Loop\nmeta: &meta\n  again: *meta\n---\n# Page\n');
    expect(doc.problems).toMatchObject([{ severity: 'error', line: 2, message: expect.stringContaining('contains itself through an alias') }]);
    expect(doc.title).toBe('Page');
  });
});
