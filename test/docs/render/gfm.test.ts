import { describe, expect, it } from 'vitest';
import { render, select } from './helpers.ts';

describe('CommonMark and GFM', () => {
  it('renders tables with alignment', async () => {
    const doc = await render('| A | B |\n|:--|--:|\n| 1 | 2 |\n');
    expect(doc.html).toContain('<table>');
    expect(doc.html).toContain('<th align="left">A</th>');
    expect(doc.html).toContain('<td align="right">2</td>');
  });

  it('renders task lists as disabled checkboxes', async () => {
    const doc = await render('- [x] done\n- [ ] todo\n');
    const inputs = select(doc.html, 'input');
    expect(inputs).toHaveLength(2);
    expect(inputs.every((input) => input.properties['type'] === 'checkbox' && input.properties['disabled'] === true)).toBe(true);
    expect(inputs[0]!.properties['checked']).toBe(true);
  });

  it('renders footnotes with back references, with Python-Markdown anchor names (#fn:1)', async () => {
    const doc = await render('Text[^note] and again[^note] and [^1].\n\n[^note]: The note.\n[^1]: One.\n');
    expect(doc.html).toContain('<a href="#fn:note" id="fnref:note" data-footnote-ref');
    expect(doc.html).toContain('<a href="#fn:note" id="fnref2:note" data-footnote-ref');
    expect(doc.html).toContain('<li id="fn:note">');
    expect(doc.html).toContain('href="#fnref:note" data-footnote-backref');
    expect(doc.html).toContain('href="#fnref2:note" data-footnote-backref');
    expect(doc.ids).toEqual(['fnref:note', 'fnref2:note', 'fnref:1', 'footnote-label', 'fn:note', 'fn:1']);
    expect(doc.headings).toEqual([]); // the hidden "Footnotes" label is not part of the outline
  });

  it('renders autolinks and literal URLs', async () => {
    const doc = await render('See <https://example.com/a> and www.example.org.\n');
    const links = select(doc.html, 'a').map((a) => a.properties['href']);
    expect(links).toEqual(['https://example.com/a', 'http://www.example.org']);
  });

  it('renders ~~strikethrough~~ and keeps single tildes for subscript', async () => {
    const doc = await render('~~gone~~ and H~2~O\n');
    expect(doc.html).toContain('<del>gone</del>');
    expect(doc.html).toContain('H<sub>2</sub>O');
  });
});
