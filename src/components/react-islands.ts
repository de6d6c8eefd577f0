/**
 * Tells Astro which renderer a React island belongs to, so it renders it at once. Untold, Astro
 * asks each renderer's `check`, and React's answers by rendering the component a first time: an
 * extra server render of every island on every page (the search button on each page, a diagram on
 * each entity page; a measurable share of page generation, BENCHMARKS.md). The tag is the one Astro itself
 * reads (`Symbol.for('astro:renderer')` in runtime/server/render/component.js). Were it to change,
 * Astro would ask again: pages stay the same, only slower.
 */
const rendererTag = Symbol.for('astro:renderer');

/** Marks React components rendered as islands; call it in the frontmatter that renders them (idempotent). */
export function tagReactIslands(...components: object[]): void {
  for (const component of components) (component as Record<symbol, string>)[rendererTag] = '@astrojs/react';
}
