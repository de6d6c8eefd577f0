import { decodeXML } from 'entities';
import { realpath, stat } from 'node:fs/promises';
import { posix, relative, resolve } from 'node:path';
import { readRepoFile, realRepoDir, type Repo } from '../sources/index.ts';

/** Static files a docs folder may publish: nothing a browser would run in the portal's origin. */
const publishableAsset = /\.(png|jpe?g|gif|webp|avif|bmp|ico|svg|pdf|txt|csv|json|ya?ml|zip|gz|tgz|tar|mp4|webm|mp3|ogg|wav|woff2?|ttf|otf)$/i;

/**
 * Why a file of a docs folder is not published, or null when it is; false for files that are
 * simply not assets (`.pages`, sources of includes). HTML and scripts would run with the
 * portal's origin when opened, and so would an SVG with scripts or external references.
 */
export async function assetRefusal(repo: Repo, file: string, maxBytes: number): Promise<string | null | false> {
  const name = posix.basename(file);
  if (name.startsWith('.')) return false;
  if (/\.(html?|xhtml|js|mjs|css|php)$/i.test(name)) return `${name} is ${name.split('.').pop()!.toUpperCase()}, which could run in the portal's origin; link to it in the repo instead`;
  if (!publishableAsset.test(name)) return false;
  // A symlink must not smuggle a file from outside the repo into the published site, nor lead to a named
  // pipe or device, which copying would open (and wait on).
  try {
    const real = await realpath(resolve(repo.dir, file));
    const inside = relative(await realRepoDir(repo), real);
    if (inside.startsWith('..') || inside.startsWith('/')) return `${name} is a symlink to a file outside the repo`;
    if (!(await stat(real)).isFile()) return `${name} is not a regular file (a folder, named pipe, socket or device)`;
  } catch {
    return `${name} could not be read`;
  }
  if (!/\.svg$/i.test(name)) return null;
  const read = await readRepoFile(repo, file, maxBytes);
  if ('error' in read) return read.error.message;
  return svgIsInert(read.text) ? null : `${name} contains scripts, event handlers or external references, which would run in the portal's origin`;
}

/**
 * Whether an SVG is safe to publish: a strict scan that reads it the way the browser's XML parser
 * would, and refuses whatever it cannot read as tags, text, comments and CDATA (a DOCTYPE and its
 * entities, processing instructions such as xml-stylesheet, malformed markup). Names are compared
 * by local name, case-insensitively, so a prefix (`s:script`, `x:href`, `h:onclick`) hides nothing.
 */
function svgIsInert(svg: string): boolean {
  // Characters XML forbids, or that show the browser would decode other bytes (UTF-16, ISO-2022-JP).
  if (/[\0-\x08\x0b\x0c\x0e-\x1f\ufffd]/.test(svg)) return false;
  // Character and entity references other than the five XML ones could spell a scheme or a tag.
  if (/&(?!(?:amp|lt|gt|quot|apos);)/.test(svg)) return false;
  const declaration = /^\uFEFF?\s*<\?xml\s[^<>?]*\?>/.exec(svg)?.[0] ?? '';
  const encoding = /encoding\s*=\s*["']([^"']*)/.exec(declaration)?.[1];
  if (encoding && !/^(?:utf-8|us-ascii|iso-8859-\d+|windows-125\d)$/i.test(encoding)) return false;
  let inStyle = false;
  const token = /([^<]+)|<!--(?!-?>)(?:(?!--)[\s\S])*-->|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z_:][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  token.lastIndex = declaration.length;
  while (token.lastIndex < svg.length) {
    const match = token.exec(svg);
    if (!match) return false;
    const [, text, cdata, end, tag, attributes, selfClosing] = match;
    if (tag === undefined) {
      if (inStyle && loadingCss.test(decodeXML(text ?? cdata ?? ''))) return false;
      continue;
    }
    const element = localName(tag);
    // In XML a stylesheet could hold elements; it holds only CSS here.
    if (inStyle && !end) return false;
    if (element === 'style') inStyle = !end && !selfClosing;
    if (end) continue;
    if (activeElements.has(element)) return false;
    for (const [, name, doubleQuoted, singleQuoted] of attributes!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (!attributeIsInert(element, name!, decodeXML(doubleQuoted ?? singleQuoted ?? ''))) return false;
    }
  }
  return true;
}

/** SVG and HTML elements that run script, embed documents or attach handlers. */
const activeElements = new Set(['script', 'foreignobject', 'iframe', 'frame', 'embed', 'object', 'applet', 'handler', 'listener', 'meta', 'link', 'base']);
/** Namespaces whose elements a browser gives behaviour beyond drawing: HTML and MathML. */
const activeNamespace = /^http:\/\/www\.w3\.org\/(?:1999\/xhtml|1998\/Math\/MathML)$/i;
/** The only references an SVG may make: into itself (#id), or to an embedded raster image. */
const inertReference = /^(?:#|data:image\/(?:png|jpe?g|gif|webp)[;,])/i;
/** CSS that loads something: url() of anything but #id, @import, image-set(), src(), or an escape that could spell one. */
const loadingCss = /url\s*\((?!\s*["']?#)|@import|image-set\s*\(|\bsrc\s*\(|\\/i;

function attributeIsInert(element: string, qualifiedName: string, value: string): boolean {
  // Diagram exporters write `<style xmlns="…/xhtml">`: a stylesheet, in any namespace, is only its checked CSS.
  if (qualifiedName === 'xmlns' || qualifiedName.startsWith('xmlns:')) return element === 'style' || !activeNamespace.test(value.trim());
  const name = localName(qualifiedName);
  if (name.startsWith('on') || name === 'base') return false;
  // Browsers drop tabs and newlines anywhere in a URL, and spaces and controls around it.
  if (name === 'href' || name === 'src') return inertReference.test(value.replace(/[\0-\x20]/g, ''));
  // <set>/<animate> would otherwise write a javascript: URL or a handler into another element.
  if (name === 'attributename') return !/^(?:href|src|base|on.*)$/.test(localName(value.trim()));
  // Presentation attributes and style are CSS; attributes with a prefix never are.
  return qualifiedName.includes(':') || !loadingCss.test(value);
}

const localName = (name: string): string => name.slice(name.lastIndexOf(':') + 1).toLowerCase();
