import { describe, expect, it } from 'vitest';
import { classes, elements, parseHtml, render, select } from './helpers.ts';

describe('content tabs', () => {
  it('renders consecutive `===` blocks as one CSS-only radio tab set, first tab checked', async () => {
    const doc = await render('=== "C"\n\n    ```c\n    int x;\n    ```\n\n=== "C++"\n\n    Text **two**.\n\nAfter.\n');
    const inputs = select(doc.html, 'input');
    expect(inputs.map((input) => [input.properties['type'], input.properties['name'], input.properties['id'], Boolean(input.properties['checked'])])).toEqual([
      ['radio', '__tabbed_1', '__tabbed_1_1', true],
      ['radio', '__tabbed_1', '__tabbed_1_2', false],
    ]);
    const labels = select(doc.html, 'label');
    expect(labels.map((label) => label.properties['htmlFor'])).toEqual([['__tabbed_1_1'], ['__tabbed_1_2']]);
    expect(doc.html).toContain('<label for="__tabbed_1_2">C++</label><div class="tabbed-block"><p>Text <strong>two</strong>.</p></div>');
    expect(doc.html).toContain('<div class="tabbed-set" data-tabs="1:2">');
    expect(doc.ids).toEqual(['__tabbed_1_1', '__tabbed_1_2']);
    expect(doc.html).toMatch(/<\/div><\/div>\s*<p>After\.<\/p>/);
  });

  it('starts a new set after other content or with `===!`, and selects `===+`', async () => {
    const doc = await render('=== "A"\n    a\n\nBreak.\n\n=== "B"\n    b\n\n===! "C"\n    c\n\n===+ "D"\n    d\n');
    const sets = elements(parseHtml(doc.html)).filter((element) => classes(element).includes('tabbed-set'));
    expect(sets.map((set) => set.properties['dataTabs'])).toEqual(['1:1', '2:1', '3:2']);
    const checked = select(doc.html, 'input').filter((input) => input.properties['checked']).map((input) => input.properties['id']);
    expect(checked).toEqual(['__tabbed_1_1', '__tabbed_2_1', '__tabbed_3_2']);
  });

  it('renders icon shortcodes and code in labels cleanly, and empty tabs', async () => {
    const doc = await render('=== ":octicons-file-code-16: `extra.css`"\n\n=== "Empty"\n');
    expect(doc.html).toContain('<label for="__tabbed_1_1"><code>extra.css</code></label>');
    expect(doc.html).toContain('<label for="__tabbed_1_2">Empty</label><div class="tabbed-block"></div>');
  });

  it('nests tabs in admonitions and admonitions in tabs', async () => {
    const doc = await render('!!! example\n\n    === "One"\n\n        !!! tip\n            Deep.\n\n    === "Two"\n        Two.\n');
    expect(doc.html).toContain('<div class="admonition example"><p class="admonition-title">Example</p><div class="tabbed-set" data-tabs="1:2">');
    expect(doc.html).toContain('<div class="tabbed-block"><div class="admonition tip"><p class="admonition-title">Tip</p><p>Deep.</p></div></div>');
  });

  it('escapes a label that would otherwise start a block', async () => {
    const doc = await render('=== "# not a heading"\n    x\n\n=== "1. not a list"\n    y\n');
    expect(doc.html).toContain('<label for="__tabbed_1_1"># not a heading</label>');
    expect(doc.html).toContain('<label for="__tabbed_1_2">1. not a list</label>');
    expect(doc.headings).toEqual([]);
  });
});
