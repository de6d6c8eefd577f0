/** Small constructors for the generated (trusted) markup. */
import type { Element, ElementContent, Properties, Text } from 'hast';

export function h(tagName: string, properties: Properties, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

export function text(value: string): Text {
  return { type: 'text', value };
}

/** The first element child, skipping whitespace text between blocks. */
export function firstElementIndex(children: readonly ElementContent[]): number {
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type === 'element') return index;
    if (child.type === 'text' && child.value.trim() !== '') return -1;
  }
  return -1;
}
