import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { classes, elements, parseHtml, proseText, render, select } from './helpers.ts';

/** Elements that must never reach a page built from untrusted docs. */
const FORBIDDEN = new Set([
  'script', 'style', 'iframe', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'form', 'math', 'template', 'noscript',
  'textarea', 'xmp', 'foreignobject', 'animate', 'set', 'frame', 'frameset', 'isindex', 'button', 'select', 'option', 'video',
  'audio', 'title',
]);
const URL_PROPERTIES = new Set(['href', 'src', 'action', 'formAction', 'xLinkHref', 'data', 'poster', 'background', 'cite', 'srcSet']);
const RASTER_DATA = /^data:image\/(png|gif|jpeg|webp);base64,/i;

function scheme(url: string): string {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f]/g, ''))?.[1]?.toLowerCase() ?? '';
}

/** Parses the output as a browser would and fails on anything that could run script. */
function expectSafe(html: string): void {
  const tree = parseHtml(html);
  const all = elements(tree);
  const mermaidFigures = all.filter((element) => element.tagName === 'figure' && classes(element).includes('mermaid'));
  const svgRoots = all.filter((element) => element.tagName === 'svg');
  expect(svgRoots.length, 'svg only as rendered diagrams').toBe(mermaidFigures.length);
  for (const element of all) {
    expect(FORBIDDEN.has(element.tagName.toLowerCase()), `<${element.tagName}> in ${html}`).toBe(false);
    for (const [key, value] of Object.entries(element.properties)) {
      expect(/^on/i.test(key), `${key} on <${element.tagName}>`).toBe(false);
      expect(['style', 'srcDoc', 'httpEquiv', 'formAction'].includes(key), `${key} on <${element.tagName}>`).toBe(false);
      // `name` (DOM clobbering) only on the renderer's own tab radios.
      if (key === 'name') expect(element.tagName === 'input' && element.properties['type'] === 'radio' && String(value).startsWith('__tabbed_')).toBe(true);
      if (!URL_PROPERTIES.has(key)) continue;
      const url = Array.isArray(value) ? value.join(' ') : String(value);
      const kind = scheme(url);
      expect(['javascript', 'vbscript', 'livescript', 'file'].includes(kind), `${key}=${url}`).toBe(false);
      if (kind === 'data') expect(element.tagName === 'img' && key === 'src' && RASTER_DATA.test(url), `${key}=${url}`).toBe(true);
    }
    if (element.tagName === 'a' && element.properties['target'] !== undefined) {
      expect(element.properties['target']).toBe('_blank');
      expect(element.properties['rel']).toEqual(['noopener', 'noreferrer']);
    }
  }
}

const VECTORS: Array<[string, string]> = [
  ['script element', '<script>alert(1)</script>'],
  ['inline script in a paragraph', 'Text <script>alert(1)</script> more.'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror without quotes, backtick', '<img src="x` `<script>alert(1)</script>"` `>'],
  ['img src=x:alert(alt)', '<img src=x:alert(alt) onerror=eval(src) alt=0>'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg script', '<svg><script>alert(1)</script></svg>'],
  ['svg xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>'],
  ['svg animate onbegin', '<svg><animate onbegin=alert(1) attributeName=x dur=1s>'],
  ['svg foreignObject iframe', '<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>'],
  ['mixed-case javascript: href', '<a href="jAvAsCrIpT:alert(1)">x</a>'],
  ['entity-encoded colon', '<a href="javascript&#58;alert(1)">x</a>'],
  ['fully entity-encoded scheme', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'],
  ['zero-padded decimal entities', '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>'],
  ['hex entities', '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>'],
  ['embedded tab', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['embedded newline', '<a href="jav&#x0A;ascript:alert(1)">x</a>'],
  ['leading space and control character', '<a href=" &#14;  javascript:alert(1)">x</a>'],
  ['partial entity', '<a href="javas&#99;ript:alert(1)">x</a>'],
  ['vbscript', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data:text/html link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['data:image/svg+xml image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['onclick next to a safe href', '<a href="https://example.com" onclick="alert(1)">x</a>'],
  ['iframe javascript:', '<iframe src="javascript:alert(1)"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['math/mglyph/style mutation XSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['math href', '<math href="javascript:alert(1)">x</math>'],
  ['noscript title mutation XSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['details ontoggle', '<details open ontoggle=alert(1)><summary>s</summary></details>'],
  ['base href', '<base href="javascript:alert(1)//">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['form action', '<form action="javascript:alert(1)"><input type=submit value=go></form>'],
  ['button formaction', '<button formaction="javascript:alert(1)">x</button>'],
  ['input autofocus onfocus', '<input autofocus onfocus=alert(1)>'],
  ['isindex', '<isindex action=javascript:alert(1) type=image>'],
  ['object data', '<object data="javascript:alert(1)"></object>'],
  ['embed src', '<embed src="javascript:alert(1)">'],
  ['style element', '<style>@import "javascript:alert(1)"; body { background: red }</style>'],
  ['style attribute', '<div style="background:url(javascript:alert(1))">x</div>'],
  ['body onload', '<body onload=alert(1)>'],
  ['template script', '<template><script>alert(1)</script></template>'],
  ['textarea breakout', '<textarea><script>alert(1)</script></textarea>'],
  ['select option img', '<select><option><img src=x onerror=alert(1)></option></select>'],
  ['xmp', '<xmp><script>alert(1)</script></xmp>'],
  ['video source onerror', '<video><source onerror="alert(1)"></video>'],
  ['comment hiding markup', '<!--<img src=x onerror=alert(1)>-->'],
  ['DOM clobbering name', '<img name="getElementById" id="cookie" src="x.png"><a name="body" href="#">x</a>'],
  ['target other than _blank', '<a href="https://example.com" target="_top">x</a>'],
  ['markdown javascript link', '[x](javascript:alert(1))'],
  ['markdown javascript link in angle brackets', '[x](<javascript:alert(1)>)'],
  ['markdown javascript image', '![x](javascript:alert(1))'],
  ['markdown data:text link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
  ['markdown entity-encoded scheme', '[x](javascript&#58;alert(1))'],
  ['markdown autolink', '<javascript:alert(1)>'],
  ['markdown reference definition', '[x]\n\n[x]: javascript:alert(1)'],
  ['admonition title with HTML', '!!! note "<img src=x onerror=alert(1)>"\n    body'],
  ['tab label with script', '=== "<script>alert(1)</script>"\n    body'],
  ['code block title', '```js title="<script>alert(1)</script>"\nx\n```'],
  ['forged placeholder', '<div data-pb="0123456789abcdef01234567-0">x</div>'],
  ['heading attribute list handlers', '## Title { onclick="alert(1)" style="color:red" }'],
  ['link attribute list handlers', '[x](https://example.com){ onclick="alert(1)" style="x" target="_blank" }'],
  ['inline-code highlighting', '`#!html <script>alert(1)</script>`'],
  ['unclosed object holding a script', 'Optional<Object> when\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>'],
  ['unclosed select holding an image', 'Pick <select> one\n\n<img src=x onerror=alert(1)>'],
  ['template holding an image and a link', '<template><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a></template>'],
  ['noscript holding a script', '<noscript><script>alert(1)</script><p>fallback</p>'],
  ['nested templates', '<template><template><script>alert(1)</script><svg onload=alert(1)></template></template>'],
];

describe('sanitising untrusted docs', () => {
  it.each(VECTORS)('%s', async (_name, source) => {
    const doc = await render(`# Page\n\n${source}\n`);
    expectSafe(doc.html);
    // Escaped text such as `&#x3C;img onerror=…>` and `<` inside a quoted attribute value are harmless (a browser does
    // not parse markup there); real markup is what must not survive.
    expect(doc.html.replace(/"[^"]*"/g, '""')).not.toMatch(/<script|<img[^>]*onerror|<[a-z]+[^>]*\son[a-z]+=|=["']?\s*javascript:/i);
  });

  it('neutralises script injected through a snippet include', async () => {
    const doc = await render('--8<-- "evil.md"\n\n{% include-markdown "evil.md" %}\n', {
      'docs/evil.md': '<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n',
    });
    expectSafe(doc.html);
    expect(doc.html).not.toMatch(/<script|<img[^>]*onerror|=["']?\s*javascript:/i);
  });

  it('keeps mermaid SVG free of script, handlers, foreign objects and external references', async () => {
    const doc = await render(
      '```mermaid\ngraph TD\n  A["<img src=x onerror=alert(1)>"] --> B["<script>alert(2)</script>"]\n  click A "javascript:alert(1)"\n  click B href "https://evil.example"\n  style B fill:url(https://evil.example/x.svg),stroke:#f00\n```\n',
    );
    expectSafe(doc.html);
    expect(doc.problems).toEqual([]);
    const svg = select(doc.html, 'svg')[0]!;
    const inside = [svg, ...elements(svg)];
    expect(new Set(inside.map((element: Element) => element.tagName))).toEqual(
      new Set(inside.map((element: Element) => element.tagName).filter((tag) => ['svg', 'g', 'defs', 'marker', 'polygon', 'polyline', 'line', 'path', 'rect', 'circle', 'ellipse', 'text', 'tspan', 'title', 'desc'].includes(tag))),
    );
    for (const element of inside) {
      expect(element.properties['href']).toBeUndefined();
      expect(element.properties['xLinkHref']).toBeUndefined();
      for (const value of Object.values(element.properties)) expect(String(value)).not.toMatch(/evil\.example|url\((?!#mermaid-1-)|javascript/i);
    }
    expect(doc.html).not.toMatch(/<style|@import|fonts\.googleapis/i);
  });

  describe('raw HTML that swallows the rest of the page', () => {
    /** Headings as a browser sees the output (not nested in a paragraph). */
    const headings = (html: string) => elements(parseHtml(html)).filter((element) => /^h[1-6]$/.test(element.tagName)).map((element) => element.properties['id']);

    it('keeps the heading and text after an unclosed `<Object>` in prose and warns about the tag', async () => {
      const doc = await render('The method returns Optional<Object> when found.\n\n## Errors\n\nMore text.\n');
      expect(proseText(doc.html)).toContain('The method returns Optional when found.');
      expect(proseText(doc.html)).toContain('More text.');
      expect(headings(doc.html)).toEqual(['errors']);
      expect(doc.headings.map((heading) => heading.text)).toEqual(['Errors']);
      // Split around the blocks it held: no heading or paragraph inside a paragraph.
      expect(doc.html).toMatch(/^<p>The method returns Optional when found\.<\/p>\s*<div class="heading-wrapper/);
      expect(doc.problems).toEqual([
        expect.objectContaining({ severity: 'warning', file: 'docs/page.md', line: 1, column: 28, message: expect.stringContaining('"<Object>" is never closed') }),
      ]);
    });

    it.each([
      ['select', 'Pick <select> one.\n\n## Next\n\nMore text.\n', ['one.', 'More text.'], '"<select>"'],
      ['template', 'A <template> here.\n\n## Next\n\nMore text.\n', ['here.', 'More text.'], '"<template>"'],
      ['noscript', '<noscript>\n\nHello.\n\n## Next\n\nMore text.\n', ['Hello.', 'More text.'], '"<noscript>"'],
    ])('keeps the content after an unclosed <%s> and warns about the tag', async (_name, source, kept, tag) => {
      const doc = await render(source);
      for (const text of kept) expect(proseText(doc.html)).toContain(text);
      expect(proseText(doc.html)).toContain('Next');
      if (_name !== 'select') expect(headings(doc.html)).toEqual(['next']); // inside <select> the parser drops tags
      expect(doc.problems).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining(`${tag} is never closed`) })]);
      expectSafe(doc.html);
    });

    it('shows the content of closed <template>, <noscript>, <object> and <button> without a warning', async () => {
      const doc = await render(
        '<template><p>From a template.</p></template>\n\n<noscript>Without script.</noscript>\n\n<object data="x.pdf">Get the <a href="x.pdf">PDF</a>.</object>\n\n<button>Press</button>\n',
      );
      const text = proseText(doc.html);
      for (const kept of ['From a template.', 'Without script.', 'Get the PDF.', 'Press']) expect(text).toContain(kept);
      expect(select(doc.html, 'a').map((link) => link.properties['href'])).toEqual(['x.pdf']);
      expect(doc.problems).toEqual([]);
      expectSafe(doc.html);
    });

    it('still drops script and style with their content, silently when they are closed', async () => {
      const doc = await render('# T\n\n<style>\n.a { color: red }\n</style>\n\nText <script>alert(1)</script> more.\n');
      expect(doc.html).not.toMatch(/alert|color: red/);
      expect(proseText(doc.html)).toContain('Text  more.');
      expect(doc.problems).toEqual([]);
    });

    it('warns when an unclosed <script> in prose swallowed text, and keeps the rest of the page', async () => {
      const doc = await render('Use the <script> tag to load it.\n\n## Next\n\nMore text.\n');
      expect(doc.html).not.toContain('to load it');
      expect(headings(doc.html)).toEqual(['next']);
      expect(proseText(doc.html)).toContain('More text.');
      expect(doc.problems).toEqual([
        expect.objectContaining({ severity: 'warning', line: 1, column: 9, message: expect.stringContaining('removed together with the text after it ("tag to load it.")') }),
      ]);
    });

    it('warns once per tag name, at its first unclosed use', async () => {
      const doc = await render('A List<T> or a Map<K> of List<T>.\n');
      expect(doc.problems.map((problem) => [problem.column, problem.message.slice(0, 20)])).toEqual([
        [7, 'The HTML tag "<T>" i'],
        [19, 'The HTML tag "<K>" i'],
      ]);
    });
  });

  it('allows raster data: images but not other data: URLs', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const doc = await render(`![a](${png}) <img src="${png}"> <img src="data:text/html,x">\n`);
    const sources = select(doc.html, 'img').map((image) => image.properties['src']);
    expect(sources).toEqual([png, png, undefined]);
  });

  it('adds rel="noopener noreferrer" to target="_blank" links', async () => {
    const doc = await render('<a href="https://example.com" target="_blank">x</a> [y](https://example.org){ target="_blank" }\n');
    const links = select(doc.html, 'a');
    expect(links.map((link) => [link.properties['target'], link.properties['rel']])).toEqual([
      ['_blank', ['noopener', 'noreferrer']],
      ['_blank', ['noopener', 'noreferrer']],
    ]);
  });

  it('turns legacy `<a name>` anchors into ids, since `name` itself is dropped', async () => {
    const doc = await render('<a name="old-anchor"></a>\n\n## Heading\n');
    expect(doc.html).toContain('<a id="old-anchor"></a>');
    expect(doc.ids).toEqual(['old-anchor', 'heading']);
  });

  it('keeps ids unprefixed so mkdocs anchors work', async () => {
    const doc = await render('<span id="install"></span>\n\n[go](#install)\n');
    expect(doc.html).toContain('id="install"');
    expect(doc.ids).toContain('install');
  });

  describe('with allowIframes', () => {
    it('keeps https iframes, sandboxed, without srcdoc', async () => {
      const doc = await render('<iframe src="https://www.youtube.com/embed/x" srcdoc="<script>alert(1)</script>" onload="alert(1)" width="560"></iframe>\n', {}, { allowIframes: true });
      const frames = select(doc.html, 'iframe');
      expect(frames).toHaveLength(1);
      expect(frames[0]!.properties).toMatchObject({ src: 'https://www.youtube.com/embed/x', width: 560, loading: 'lazy', referrerPolicy: 'no-referrer' });
      expect(frames[0]!.properties['srcDoc']).toBeUndefined();
      expect(frames[0]!.properties['onLoad']).toBeUndefined();
      expect(frames[0]!.properties['sandbox']).toEqual(['allow-scripts', 'allow-same-origin', 'allow-popups', 'allow-presentation']);
    });

    it('drops iframes that are not https', async () => {
      for (const src of ['http://example.com', 'javascript:alert(1)', 'data:text/html,x', '//example.com/x', 'page.html']) {
        const doc = await render(`<iframe src="${src}"></iframe>\n`, {}, { allowIframes: true });
        expect(select(doc.html, 'iframe'), src).toEqual([]);
      }
    });

    it('drops every iframe by default', async () => {
      const doc = await render('<iframe src="https://www.youtube.com/embed/x"></iframe>\n');
      expect(select(doc.html, 'iframe')).toEqual([]);
    });
  });
});
