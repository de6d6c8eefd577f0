/**
 * Node boxes are sized from their text without a font engine (the build has none): an average
 * glyph width per font size, generous enough for the portal's sans-serif. The diagram renderers
 * squeeze longer labels with the same estimate, so text never overflows its box.
 */
export const nodeHeight = 40;
const labelCharWidth = 7.2; // 12px, semibold
const captionCharWidth = 5.6; // 10px
const edgeLabelCharWidth = 5.6; // 10px
const padding = 20;
const minWidth = 112;
export const maxNodeWidth = 240;

export function nodeWidth(label: string, caption?: string): number {
  const text = Math.max(label.length * labelCharWidth, (caption?.length ?? 0) * captionCharWidth);
  return Math.round(Math.min(maxNodeWidth, Math.max(minWidth, text + padding)));
}

export function edgeLabelWidth(label: string): number {
  return Math.ceil(label.length * edgeLabelCharWidth);
}

/**
 * The width to squeeze a label into (SVG `textLength`) when it would overflow a box `width`
 * wide, else undefined. Squeezed rather than cut, so the text on screen is always the whole
 * label (what a link is named after, and what a reader searches the page for).
 */
export function squeezedWidth(text: string, width: number, kind: 'label' | 'caption' = 'label'): number | undefined {
  const perChar = kind === 'label' ? labelCharWidth : captionCharWidth;
  const room = width - padding + 4;
  return text.length * perChar > room ? room : undefined;
}
