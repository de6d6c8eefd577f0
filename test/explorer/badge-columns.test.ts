import { describe, expect, it } from 'vitest';
import { badgeColumns } from '../../src/explorer/badge-columns.ts';
import { buildExplorerFile } from '../../src/explorer/build-explorer-file.ts';
import type { EntityView } from '../../src/site/entity-view.ts';
import { syntheticViews } from '../support/synthetic-views.ts';

describe('plugin badges in the catalog explorer', () => {
  it('makes one column per plugin badge, with each entity’s value and tone, sortable by the number it starts with', () => {
    const [a, b, c] = syntheticViews(3);
    const views: EntityView[] = [
      { ...a!, badges: [{ plugin: 'coverage', label: 'coverage', value: '81%', tone: 'ok' }, { plugin: 'kubernetes', label: 'k8s', value: 'healthy', tone: 'ok' }] },
      { ...b!, badges: [{ plugin: 'coverage', label: 'coverage', value: '42%', tone: 'error' }] },
      c!,
    ];
    const file = buildExplorerFile(views, badgeColumns(views));
    expect(file.columns).toEqual([{ id: 'coverage', label: 'Coverage' }, { id: 'k8s', label: 'K8s' }]);
    expect(file.rows.map((row) => row[11])).toEqual([
      [{ text: '81%', tone: 'good', sort: 81 }, { text: 'healthy', tone: 'good' }],
      [{ text: '42%', tone: 'bad', sort: 42 }, null],
      undefined,
    ]);
  });

  it('keeps two plugins’ badges with the same label apart, and never takes a built-in column’s id', () => {
    const [a] = syntheticViews(1);
    const views: EntityView[] = [{ ...a!, badges: [{ plugin: 'github', label: 'ci', value: 'passing' }, { plugin: 'gitlab', label: 'ci', value: 'failed', tone: 'error' }, { plugin: 'owners', label: 'owner', value: '2' }] }];
    expect(badgeColumns(views).map((column) => column.id)).toEqual(['ci', 'gitlab-ci', 'owners-owner']);
  });
});
