import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetRefusal } from '../../src/docs/asset-policy.ts';
import { makeRepo } from '../support/temp-repos.ts';

const maxBytes = 1024 * 1024;
const svgNs = 'xmlns="http://www.w3.org/2000/svg"';
const xlinkNs = 'xmlns:xlink="http://www.w3.org/1999/xlink"';
const svg = (body: string, attributes = '') => `<svg ${svgNs} ${xlinkNs}${attributes}>${body}</svg>`;
const refused = "img.svg contains scripts, event handlers or external references, which would run in the portal's origin";

/** What assetRefusal says about `docs/img.svg` holding `content`. */
async function refusalOf(content: string | Buffer): Promise<string | null | false> {
  const repo = await makeRepo({ 'docs/img.svg': '' });
  await writeFile(join(repo.dir, 'docs/img.svg'), content);
  return assetRefusal(repo, 'docs/img.svg', maxBytes);
}

describe('assetRefusal for SVGs', () => {
  it.each([
    ['a script behind a namespace prefix', `<svg ${svgNs} xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(document.domain)</s:script></svg>`],
    ['a DTD entity that expands to a script', `<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(document.domain)&#60;/script&#62;">]><svg ${svgNs}>&x;</svg>`],
    ['a DOCTYPE without an internal subset', `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg ${svgNs}/>`],
    ['a decimal character reference in a javascript: link', svg('<a href="&#106;avascript:alert(document.domain)"><rect width="500" height="500"/></a>')],
    ['a character reference for the scheme colon', svg('<a href="javascript&#58;alert(1)"><rect width="5" height="5"/></a>')],
    ['a hex character reference in a javascript: link', svg('<a href="&#x6A;avascript:alert(1)"><rect width="5" height="5"/></a>')],
    ['a named character reference inside the scheme', svg('<a href="java&Tab;script:alert(1)"><rect width="5" height="5"/></a>')],
    ['a tab and a newline inside the scheme', svg('<a href=" java\tscr\nipt:alert(1)"><rect width="5" height="5"/></a>')],
    ['an upper-case javascript: link', svg('<A HREF="JAVASCRIPT:alert(1)"><rect width="5" height="5"/></A>')],
    ['a javascript: link under another prefix bound to XLink', svg('<a q:href="javascript:alert(1)"><rect width="5" height="5"/></a>', ' xmlns:q="http://www.w3.org/1999/xlink"')],
    ['<set> writing a javascript: URL into a link', svg('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/><rect width="5" height="5"/></a>')],
    ['<animate> writing a javascript: URL into an xlink:href', svg('<a xlink:href="#x"><animate attributeName="xlink:href" values="javascript:alert(1)"/><rect width="5" height="5"/></a>')],
    ['<use> of another file', svg('<use href="other.svg#x"/>')],
    ['<use> of a remote file', svg('<use xlink:href="https://evil.example/sprite.svg#x"/>')],
    ['a stylesheet @import', svg('<style>@import url(https://evil.example/x.css);</style>')],
    ['a stylesheet @import in CDATA', svg('<style><![CDATA[@import "https://evil.example/x.css";]]></style>')],
    ['a stylesheet url() pointing at a remote image', svg('<style>rect { fill: url(http://evil.example/p.svg#p) }</style><rect width="5" height="5"/>')],
    ['a CSS escape that could spell url()', svg('<rect width="5" height="5" fill="\\75rl(http://evil.example/p.svg#p)"/>')],
    ['a style attribute loading a remote image', svg('<rect width="5" height="5" style="background: URL( \'https://evil.example/t.png\' )"/>')],
    ['a remote image', svg('<image href="http://evil.example/x.png" width="5" height="5"/>')],
    ['a data: link to HTML', svg('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"><rect width="5" height="5"/></a>')],
    ['an embedded SVG data: image', svg('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="5" height="5"/>')],
    ['an event handler attribute', svg('<rect width="5" height="5"/>', ' onload="alert(1)"')],
    ['an event handler attribute in upper case', svg('<rect width="5" height="5" ONCLICK="alert(1)"/>')],
    ['an event handler attribute behind a namespace prefix', svg('<rect width="5" height="5" x:onclick="alert(1)"/>', ' xmlns:x="http://www.w3.org/2000/svg"')],
    ['a foreignObject behind a prefix', svg('<s:foreignObject width="5" height="5"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></s:foreignObject>', ' xmlns:s="http://www.w3.org/2000/svg"')],
    ['HTML elements', svg('<h:img src="data:image/png;base64,AA==" xmlns:h="http://www.w3.org/1999/xhtml"/>')],
    ['an xml-stylesheet processing instruction', `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="evil.xsl"?>${svg('')}`],
    ['an xml:base', svg('<a href="#x" xml:base="javascript:alert(1)//"><rect width="5" height="5"/></a>')],
    ['a comment an HTML parser would close early', svg('<!--><script>alert(1)</script>-->')],
    ['markup an XML parser would not read', svg('<rect width="5" height="5" onload=alert(1) />')],
    ['a script in UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(svg('<script>alert(1)</script>'), 'utf16le')])],
  ])('refuses an SVG with %s', async (_, content) => {
    expect(await refusalOf(content)).toBe(refused);
  });

  it('publishes a plain icon made of paths', async () => {
    expect(await refusalOf(`<svg ${svgNs} viewBox="0 0 24 24" width="24" height="24"><path d="M12 2L2 22h20z" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="16" r="1"/></svg>`)).toBeNull();
  });

  it('publishes gradients and patterns referenced with url(#id), in attributes and in a stylesheet', async () => {
    const content = svg(
      '<defs><linearGradient id="grad"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient></defs>' +
        '<style><![CDATA[ .box { fill: url("#grad"); } ]]></style>' +
        '<rect class="box" width="10" height="10"/><rect width="10" height="10" fill="url(#grad)" style="stroke: url( #grad )"/>',
    );
    expect(await refusalOf(content)).toBeNull();
  });

  it('publishes <use> of an element of the same SVG, with href or xlink:href', async () => {
    expect(await refusalOf(svg('<symbol id="id"><path d="M0 0h5v5z"/></symbol><use href="#id"/><use xlink:href="#id" x="5"/>'))).toBeNull();
  });

  it('publishes an embedded PNG data: image, its base64 wrapped over lines', async () => {
    expect(await refusalOf(svg('<image width="5" height="5" xlink:href="data:image/png;base64,\n  iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="/>'))).toBeNull();
  });

  it('publishes text with the predefined XML entities', async () => {
    expect(await refusalOf(svg('<text x="0" y="10">Build &amp; deploy &lt;service&gt; &quot;fast&quot; &apos;now&apos;</text>'))).toBeNull();
  });

  it('publishes an SVG with a leading XML declaration and comments', async () => {
    const content = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In -->\n${svg('<!-- the box --><rect width="5" height="5"/>', ' version="1.1"')}\n`;
    expect(await refusalOf(content)).toBeNull();
  });

  it('publishes a diagram exporter\'s empty stylesheet in the XHTML namespace, but no element inside a stylesheet', async () => {
    expect(await refusalOf(svg('<style xmlns="http://www.w3.org/1999/xhtml"></style><defs/><rect width="5" height="5"/>'))).toBeNull();
    expect(await refusalOf(svg('<style xmlns="http://www.w3.org/1999/xhtml"><form action="javascript:alert(1)"><button>x</button></form></style>'))).toBe(refused);
  });

  it('publishes an Inkscape drawing with its editor metadata', async () => {
    const content = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="210mm" height="297mm" viewBox="0 0 210 297" version="1.1" id="svg5"
   inkscape:version="1.2 (dc2aedaf03, 2022-05-15)" sodipodi:docname="drawing.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#">
  <sodipodi:namedview id="namedview7" pagecolor="#ffffff" inkscape:zoom="0.7" />
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:type xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:resource="http://purl.org/dc/dcmitype/StillImage" /></cc:Work></rdf:RDF></metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <rect style="fill:#c8c8ff;stroke:#000000;stroke-width:0.26" id="rect1" width="50" height="30" x="20" y="20" />
  </g>
</svg>
`;
    expect(await refusalOf(content)).toBeNull();
  });

  it('still refuses HTML and publishes other assets without reading them', async () => {
    const repo = await makeRepo({ 'docs/page.html': '<p>hi</p>', 'docs/photo.png': '<script>not read</script>', 'docs/.pages': 'nav: []' });
    expect(await assetRefusal(repo, 'docs/page.html', maxBytes)).toMatch(/page\.html is HTML/);
    expect(await assetRefusal(repo, 'docs/photo.png', maxBytes)).toBeNull();
    expect(await assetRefusal(repo, 'docs/.pages', maxBytes)).toBe(false);
  });
});
