/**
 * Text made safe to put into HTML built as a string, in element text and in quoted attribute
 * values alike: `& < > " '` become numeric references. Pure, so the browser islands use it too.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
