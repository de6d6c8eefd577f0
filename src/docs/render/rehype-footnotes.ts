/**
 * Footnote anchors as Python-Markdown names them, so links written for mkdocs (`#fn:1`) keep working:
 * GFM's `fn-1` / `fnref-1` / `fnref-1-2` become `fn:1` / `fnref:1` / `fnref2:1`. Only the footnote elements remark-rehype
 * made are touched (the list items of the footnotes section, and links marked as footnote references/back references).
 */
import type { Element, Root } from 'hast';

const NOTE = /^fn-(.+)$/;
const REFERENCE = /^fnref-(.+?)(?:-(\d+))?$/;

export default function rehypeFootnotes() {
  return (tree: Root): void => {
    walk(tree, false);
  };
}

function walk(parent: Root | Element, inFootnotes: boolean): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue;
    const properties = child.properties;
    const section = child.tagName === 'section' && properties['dataFootnotes'] !== undefined;
    if (inFootnotes && child.tagName === 'li' && typeof properties['id'] === 'string') properties['id'] = noteId(properties['id']);
    if (child.tagName === 'a' && typeof properties['href'] === 'string') {
      if (properties['dataFootnoteRef'] !== undefined) {
        properties['href'] = `#${noteId(properties['href'].slice(1))}`;
        if (typeof properties['id'] === 'string') properties['id'] = referenceId(properties['id']);
      } else if (properties['dataFootnoteBackref'] !== undefined) {
        properties['href'] = `#${referenceId(properties['href'].slice(1))}`;
      }
    }
    if (child.children.length > 0) walk(child, inFootnotes || section);
  }
}

function noteId(id: string): string {
  const match = NOTE.exec(id);
  return match ? `fn:${match[1]}` : id;
}

function referenceId(id: string): string {
  const match = REFERENCE.exec(id);
  if (!match) return id;
  return match[2] ? `fnref${match[2]}:${match[1]}` : `fnref:${match[1]}`;
}
