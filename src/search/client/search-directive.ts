import type { ClientDirective } from 'astro';
import { isSearchShortcut, openRequestAttribute, type OpenRequest } from './shortcut.ts';

/**
 * `client:search` (registered by the Playbill integration): the search island stays server
 * HTML (its button) until the reader asks for search, with the button or a shortcut. Only then
 * are React, the dialog and pagefind fetched, so a page ships just this listener beforehand.
 * The island reads the request from `data-search-request` when it mounts and opens itself.
 */
const searchDirective: ClientDirective = (load, _options, island) => {
  const onKeyDown = (event: KeyboardEvent) => {
    if (!isSearchShortcut(event)) return;
    event.preventDefault();
    start('shortcut');
  };
  const onClick = (event: MouseEvent) => {
    if (!(event.target as Element | null)?.closest?.('[data-search-open]')) return;
    event.preventDefault();
    start('button');
  };
  const listen = () => {
    document.addEventListener('keydown', onKeyDown);
    island.addEventListener('click', onClick);
  };
  const start = (request: OpenRequest) => {
    document.removeEventListener('keydown', onKeyDown);
    island.removeEventListener('click', onClick);
    island.setAttribute(openRequestAttribute, request);
    island.setAttribute('aria-busy', 'true');
    load()
      .then((hydrate) => hydrate())
      .catch(() => {
        // Offline or a failed deploy: leave the page as it was, so the next attempt retries.
        island.removeAttribute(openRequestAttribute);
        listen();
      })
      .finally(() => island.removeAttribute('aria-busy'));
  };
  listen();
};

export default searchDirective;
