/**
 * The keys that open search, shared by the `client:search` directive (before the island loads)
 * and the dialog (after): ⌘K / Ctrl+K anywhere, `/` when the reader is not typing.
 */
export function isSearchShortcut(event: Pick<KeyboardEvent, 'key' | 'metaKey' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'isComposing' | 'target'>): boolean {
  if (event.isComposing || event.altKey) return false;
  if (event.key.toLowerCase() === 'k') return (event.metaKey || event.ctrlKey) && !event.shiftKey;
  if (event.key === '/') return !event.metaKey && !event.ctrlKey && !isTyping(event.target);
  return false;
}

/** Set on the island by the directive when it hydrates it because the reader asked for search. */
export const openRequestAttribute = 'data-search-request';
export type OpenRequest = 'button' | 'shortcut';

const typingFields =
  'textarea, select, [contenteditable]:not([contenteditable="false"]), input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"], [type="reset"], [type="range"], [type="color"], [type="file"])';

function isTyping(target: EventTarget | null): boolean {
  return typeof (target as Element | null)?.closest === 'function' && (target as Element).closest(typingFields) !== null;
}
