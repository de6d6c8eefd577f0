import Prism from 'prismjs';
import loadLanguages from 'prismjs/components/index.js';

// Prism rather than Shiki: a definition is highlighted once per API page at build time, and
// Prism's regex grammars are an order of magnitude cheaper per page than TextMate grammars.
const grammars: Record<string, string> = { yaml: 'yaml', json: 'json', graphql: 'graphql', proto: 'protobuf' };
loadLanguages(Object.values(grammars));

/**
 * Highlights an API definition to HTML. Prism encodes every character of the input
 * (`&`, `<`), so untrusted definitions cannot inject markup; unknown languages are
 * escaped as plain text.
 */
export function highlightDefinition(text: string, language: string): string {
  const grammarName = grammars[language];
  const grammar = grammarName ? Prism.languages[grammarName] : undefined;
  if (!grammar || !grammarName) return escapeHtml(text);
  return Prism.highlight(text, grammar, grammarName);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Highlights a plugin's code block; languages Prism knows here are highlighted, others escaped. */
export function highlightCode(text: string, language = 'text'): { language: string; html: string } {
  const known = grammars[language] ? language : Object.keys(grammars).find((key) => grammars[key] === language);
  return { language: known ?? 'text', html: highlightDefinition(text, known ?? 'text') };
}
