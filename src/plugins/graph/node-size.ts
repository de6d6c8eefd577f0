/**
 * Node boxes are sized from their text without a font engine (the build has none): an average
 * glyph width per font size, generous enough for the portal's sans-serif. The diagram renderer
 * shortens labels with the same estimate, so text never overflows its box.
 */
export const nodeHeight = 40;
const labelCharWidth = 7.2; // 12px, semibold
const captionCharWidth = 5.6; // 10px
const edgeLabelCharWidth = 5.6; // 10px
const padding = 20;
const minWidth = 112;
export const maxNodeWidth = 208;

export function nodeWidth(label: string, caption?: string): number {
  const text = Math.max(label.length * labelCharWidth, (caption?.length ?? 0) * captionCharWidth);
  return Math.round(Math.min(maxNodeWidth, Math.max(minWidth, text + padding)));
}

export function edgeLabelWidth(label: string): number {
  return Math.ceil(label.length * edgeLabelCharWidth);
}

/** The label as it fits a box `width` wide: shortened with an ellipsis when it would overflow. */
export function fitLabel(text: string, width: number, kind: 'label' | 'caption' = 'label'): string {
  const perChar = kind === 'label' ? labelCharWidth : captionCharWidth;
  const fits = Math.floor((width - padding + 4) / perChar);
  return text.length <= fits ? text : `${text.slice(0, Math.max(1, fits - 1)).trimEnd()}…`;
}
