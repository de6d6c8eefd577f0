import type { Tone } from '../plugins/panel-view.ts';
import type { EntityView } from '../site/entity-view.ts';
import type { ExplorerColumnSource } from './build-explorer-file.ts';
import type { ExplorerTone } from './explorer-file.ts';
import { builtinColumns } from './explorer-model.ts';

const explorerTone: Record<Tone, ExplorerTone> = { ok: 'good', warning: 'warning', error: 'bad', info: 'neutral', neutral: 'neutral' };

/**
 * The explorer's extra columns from plugin badges (`view.badges`, set by the plugin stage): one
 * column per plugin and badge label (`coverage`, `k8s`), in the order they first appear (views by
 * ref, each view's badges in configured plugin order), each cell the badge's value and tone. A
 * value that starts with a number (`81%`) sorts by it.
 */
export function badgeColumns(views: readonly EntityView[]): ExplorerColumnSource[] {
  const columns = new Map<string, { id: string; label: string; cells: Map<string, { text: string; tone: ExplorerTone; sort?: number }> }>();
  const taken = new Set<string>(builtinColumns.map((column) => column.id));
  for (const view of views) {
    for (const badge of view.badges ?? []) {
      const key = `${badge.plugin}\u0000${badge.label}`;
      let column = columns.get(key);
      if (!column) {
        const slug = badge.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
        let id = /^[a-z]/.test(slug) ? slug : `${badge.plugin}-${slug}`.replace(/-+$/, '');
        if (taken.has(id)) id = `${badge.plugin}-${id}`;
        for (let n = 2; taken.has(id); n++) id = `${badge.plugin}-${slug}-${n}`;
        taken.add(id);
        column = { id, label: badge.label.charAt(0).toUpperCase() + badge.label.slice(1), cells: new Map() };
        columns.set(key, column);
      }
      const number = Number.parseFloat(badge.value);
      column.cells.set(view.ref, { text: badge.value, tone: explorerTone[badge.tone ?? 'neutral'], ...(Number.isFinite(number) ? { sort: number } : {}) });
    }
  }
  return [...columns.values()];
}
