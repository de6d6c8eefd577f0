import type { Root } from 'mdast';
import { markdownToMdast } from 'satteri';
import type { Processor } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * Parses markdown with Sätteri, the Rust CommonMark + GFM parser Astro itself uses: the
 * same mdast as remark-parse + remark-gfm (checked on the TechDocs corpus), much faster
 * (BENCHMARKS.md), which matters at tens of thousands of pages. Single `~x~` is pymdownx's subscript, not strikethrough.
 */
export default function remarkSatteriParse(this: Processor) {
  this.parser = (document: string) => {
    const tree = markdownToMdast(document, { features: { gfm: true, frontmatter: false, subscript: true } }) as unknown as Root;
    visit(tree, (node) => {
      if ((node.type as string) === 'subscript') node.data = { ...node.data, hName: 'sub' };
    });
    return tree;
  };
}
