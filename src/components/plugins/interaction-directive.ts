import type { ClientDirective } from 'astro';

/** Where the directive leaves the action of the control that woke the island (`data-graph-action`). */
export const graphRequestAttribute = 'data-graph-request';

/**
 * `client:interaction` (registered by the Playbill integration): the island stays server HTML
 * until the reader reaches for it: a pointer over, a touch on, or keyboard focus in its figure
 * (or the island itself). Only then are React and the island fetched, so a page with a diagram
 * ships only this listener until it is used. A click on one of its controls before it is ready
 * is remembered in `data-graph-request` and carried out when it mounts.
 */
const interactionDirective: ClientDirective = (load, _options, island) => {
  const area = island.closest<HTMLElement>('[data-graph]') ?? island;
  const wake = ['pointerover', 'touchstart', 'focusin'] as const;
  let started = false;
  const onClick = (event: Event) => {
    const action = (event.target as Element | null)?.closest?.('[data-graph-action]')?.getAttribute('data-graph-action');
    if (!action || !island.contains(event.target as Node)) return;
    island.setAttribute(graphRequestAttribute, action);
    start();
  };
  const start = () => {
    if (started) return;
    started = true;
    for (const type of wake) area.removeEventListener(type, start);
    load()
      .then((hydrate) => hydrate())
      .then(() => island.removeEventListener('click', onClick))
      .catch(() => {
        // Offline or a failed deploy: the static diagram stays as it is; try again on the next interaction.
        started = false;
        for (const type of wake) area.addEventListener(type, start, { passive: true });
      });
  };
  for (const type of wake) area.addEventListener(type, start, { passive: true });
  island.addEventListener('click', onClick);
};

export default interactionDirective;
