import { join } from 'node:path';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../../src/catalog/index.ts';
import { buildExplorerFile } from '../../src/explorer/build-explorer-file.ts';
import { axeViolations } from '../support/axe.ts';
import { openExampleSite, screenshots, type ServedSite } from '../support/browser.ts';
import { readCatalogFile } from '../support/build-site.ts';
import { syntheticViews } from '../support/synthetic-views.ts';

let browser: Browser;
let page: Page;
let site: ServedSite;
let server: { url: string };
let outDir: string;
let entities: CatalogEntity[];

beforeAll(async () => {
  site = await openExampleSite();
  ({ browser, outDir } = site);
  server = { url: site.url };
  entities = (await readCatalogFile(outDir)).entities;
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await site?.close();
});

// Expectations come from catalog.json, the build's own machine-readable output.
const titleOf = (entity: CatalogEntity) => entity.metadata.title ?? (entity.spec?.profile as { displayName?: string } | undefined)?.displayName ?? entity.metadata.name;
const ownedBy = (entity: CatalogEntity, ref: string) => entity.relations.some((relation) => relation.type === 'ownedBy' && relation.targetRef === ref);
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const byTitle = (titles: string[]) => [...titles].sort(collator.compare);

const explorer = (target: Page = page) => target.locator('section.explorer');
const rows = (target: Page = page) => explorer(target).locator('tbody tr:not(.explorer-spacer)');
const rowTitles = (target: Page = page) => rows(target).locator('th a').allTextContents();
const resultCount = (target: Page = page) => explorer(target).getByRole('status').textContent();
const facet = (name: string, target: Page = page) => explorer(target).getByRole('group', { name });
/** The count shown next to a facet value. */
const facetCount = async (group: Locator, label: string) => Number(await group.locator('.facet-value', { has: group.page().locator('.facet-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.facet-count').textContent());

async function openExplorer(query = '', target: Page = page) {
  await target.goto(`${server.url}catalog/${query}`);
  await explorer(target).waitFor();
}

describe('the catalog explorer (under a base path)', () => {
  it('filters by kind and owner with the facet checkboxes, counting each value under the other filters', async () => {
    await openExplorer();
    expect(await page.locator('#catalog-list').isHidden()).toBe(true);
    expect(await resultCount()).toBe(`${entities.length} entities`);
    const components = entities.filter((entity) => entity.kind === 'Component');
    const kind = facet('Kind');
    expect(await facetCount(kind, 'Component')).toBe(components.length);

    await kind.getByRole('checkbox', { name: /^Component \d+$/ }).check();
    expect(await resultCount()).toBe(`${components.length} of ${entities.length} entities`);
    const owner = facet('Owner');
    const ticketing = 'group:default/ticketing-team';
    expect(await facetCount(owner, 'Ticketing')).toBe(components.filter((entity) => ownedBy(entity, ticketing)).length);

    await owner.getByRole('checkbox', { name: /^Ticketing \d+$/ }).check();
    const expected = components.filter((entity) => ownedBy(entity, ticketing));
    expect(await rowTitles()).toEqual(byTitle(expected.map(titleOf)));
    expect(await resultCount()).toBe(`${expected.length} of ${entities.length} entities`);
    // The kind facet now counts what Ticketing owns, per kind: selecting Component hides no kind.
    expect(await facetCount(kind, 'API')).toBe(entities.filter((entity) => entity.kind === 'API' && ownedBy(entity, ticketing)).length);
    expect(await kind.getByRole('checkbox', { name: /^API \d+$/ }).isChecked()).toBe(false);
    await page.screenshot({ path: join(screenshots, 'explorer-1-facets.png'), fullPage: true });

    await explorer().getByRole('button', { name: 'Remove filter Owner: Ticketing' }).click();
    expect(await resultCount()).toBe(`${components.length} of ${entities.length} entities`);
  });

  it('filters by text in names, titles, descriptions and tags', async () => {
    await openExplorer();
    await explorer().getByLabel('Filter by text').fill('Seat');
    const expected = entities.filter((entity) => [entity.metadata.name, titleOf(entity), entity.metadata.description ?? '', ...(entity.metadata.tags ?? [])].join('\n').toLowerCase().includes('seat'));
    expect(expected.length).toBeGreaterThan(2);
    expect(await rowTitles()).toEqual(byTitle(expected.map(titleOf)));
    expect(await resultCount()).toBe(`${expected.length} of ${entities.length} entities`);
  });

  it('sorts by a column in both directions, with aria-sort on its header', async () => {
    await openExplorer('?kind=Component');
    const header = explorer().getByRole('columnheader', { name: /^Owner/ });
    expect(await header.getAttribute('aria-sort')).toBeNull();
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await explorer().getByRole('columnheader', { name: /^Name/ }).getAttribute('aria-sort')).toBeNull();
    const ownerTexts = async () => (await rows().locator('td.col-owner').allTextContents()).map((text) => text.replace(' (not in the catalog)', ''));
    const owners = await ownerTexts();
    const filled = owners.filter(Boolean);
    expect(filled).toEqual([...filled].sort(collator.compare));
    expect(owners.slice(filled.length).every((owner) => owner === '')).toBe(true);

    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const descending = (await ownerTexts()).filter(Boolean);
    expect(descending).toEqual([...filled].sort(collator.compare).reverse());
    await expect.poll(() => new URL(page.url()).search).toBe('?kind=Component&sort=owner&dir=desc');
  });

  it('keeps its state in the URL, restores it on reload and after visiting an entity', async () => {
    await openExplorer();
    await facet('Kind').getByRole('checkbox', { name: /^Component \d+$/ }).check();
    await facet('Owner').getByRole('checkbox', { name: /^Ticketing \d+$/ }).check();
    await explorer().getByLabel('Filter by text').fill('ticket');
    await explorer().getByRole('button', { name: /^Lifecycle/ }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?kind=Component&owner=ticketing-team&q=ticket&sort=lifecycle');
    const shown = await rowTitles();
    expect(shown.length).toBeGreaterThan(0);

    await page.reload();
    await explorer().waitFor();
    expect(await rowTitles()).toEqual(shown);
    expect(await explorer().getByLabel('Filter by text').inputValue()).toBe('ticket');
    expect(await facet('Owner').getByRole('checkbox', { name: /^Ticketing \d+$/ }).isChecked()).toBe(true);
    expect(await explorer().getByRole('columnheader', { name: /^Lifecycle/ }).getAttribute('aria-sort')).toBe('ascending');

    await rows().first().locator('th a').click();
    await expect.poll(() => page.url()).toContain('/portal/catalog/default/component/');
    await page.goBack();
    await explorer().waitFor();
    expect(await rowTitles()).toEqual(shown);
    await page.screenshot({ path: join(screenshots, 'explorer-2-url-state.png'), fullPage: true });
  });

  it('reads a hand-written URL case-insensitively and ignores values that do not exist', async () => {
    await openExplorer('?kind=component&owner=TICKETING-TEAM&owner=no-such-team&sort=colour');
    expect(await rowTitles()).toEqual(byTitle(entities.filter((entity) => entity.kind === 'Component' && ownedBy(entity, 'group:default/ticketing-team')).map(titleOf)));
    await expect.poll(() => new URL(page.url()).search).toBe('?kind=Component&owner=ticketing-team');
  });

  it('links entities and owners under the base path', async () => {
    await openExplorer('?q=ticketing-service');
    const row = rows().filter({ has: page.getByRole('link', { name: 'Ticketing Service', exact: true }) });
    expect(await row.locator('th a').getAttribute('href')).toBe('/portal/catalog/default/component/ticketing-service/');
    expect(await row.locator('td.col-owner a').getAttribute('href')).toBe('/portal/catalog/default/group/ticketing-team/');
  });

  it('works with the keyboard: type a filter, check a facet value, sort', async () => {
    await openExplorer();
    await explorer().getByLabel('Filter by text').focus();
    await page.keyboard.type('payments');
    const typed = Number((await resultCount())!.split(' ')[0]);
    await page.keyboard.press('Shift+Tab'); // into the facets, which come before the text filter
    expect(await page.evaluate(() => document.activeElement?.tagName)).toMatch(/INPUT|BUTTON/);
    await facet('Kind').getByRole('checkbox').first().focus();
    await page.keyboard.press('Space');
    expect(await facet('Kind').getByRole('checkbox').first().isChecked()).toBe(true);
    expect(Number((await resultCount())!.split(' ')[0])).toBeLessThanOrEqual(typed);
    await explorer().getByRole('button', { name: /^Kind/ }).focus();
    await page.keyboard.press('Enter');
    expect(await explorer().getByRole('columnheader', { name: /^Kind/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('still lists every entity without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const noScript = await context.newPage();
    await noScript.goto(`${server.url}catalog/`);
    expect(await noScript.locator('#catalog-list').isVisible()).toBe(true);
    expect(await noScript.locator('#catalog-list tbody tr').count()).toBe(entities.length);
    expect(await explorer(noScript).count()).toBe(0);
    await noScript.screenshot({ path: join(screenshots, 'explorer-3-no-javascript.png') });
    await context.close();
  });

  it('says so and keeps the full list when explorer.json cannot be loaded', async () => {
    const failing = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await failing.route('**/catalog/explorer.json', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    await failing.goto(`${server.url}catalog/`);
    await failing.getByRole('alert').waitFor();
    expect(await failing.getByRole('alert').textContent()).toContain('could not load its data (HTTP 503)');
    expect(await failing.locator('#catalog-list').isVisible()).toBe(true);
    expect(await failing.locator('#catalog-list tbody tr').count()).toBe(entities.length);
    await failing.close();
  });

  it('takes a keyboard user who was in the full list to the text filter when it replaces the list', async () => {
    const keyboard = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await keyboard.route('**/catalog/explorer.json', async (route) => {
      await held;
      await route.continue();
    });
    await keyboard.goto(`${server.url}catalog/`);
    await keyboard.locator('#catalog-list a').first().focus();
    release();
    await explorer(keyboard).waitFor();
    expect(await keyboard.evaluate(() => document.activeElement?.id)).toBe('explorer-q');
    await keyboard.close();
  });

  it('is usable on a phone: filters fold into a panel above the table', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await openExplorer('', phone);
    const panel = explorer(phone).locator('details.explorer-filters');
    expect(await panel.getAttribute('open')).toBeNull();
    await phone.screenshot({ path: join(screenshots, 'explorer-4-phone.png') });
    await panel.locator('summary').click();
    await facet('Kind', phone).getByRole('checkbox', { name: /^API \d+$/ }).check();
    expect(await resultCount(phone)).toBe(`${entities.filter((entity) => entity.kind === 'API').length} of ${entities.length} entities`);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(screenshots, 'explorer-5-phone-filtered.png'), fullPage: true });
    await phone.close();
  });
});

describe('accessibility (axe-core)', () => {
  it('finds no violations on the home page', async () => {
    await page.goto(server.url);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('finds no violations on the explorer, filtered and sorted', async () => {
    await openExplorer('?kind=Component&tag=postgres&q=e&sort=owner&dir=desc');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('finds no violations on an entity page', async () => {
    await page.goto(`${server.url}catalog/default/component/ticketing-service/`);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('finds no violations on a docs page', async () => {
    await page.goto(`${server.url}docs/default/component/ticketing-service/`);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('finds no violations on the explorer on a phone, with the filters open', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await openExplorer('?tag=postgres', phone);
    await explorer(phone).locator('details.explorer-filters summary').click();
    expect(await axeViolations(phone)).toEqual([]);
    await phone.close();
  });
});

describe('the explorer at 10,000 entities', () => {
  it('renders only a window of rows and filters them correctly', async () => {
    const views = syntheticViews(10_000);
    const body = JSON.stringify(buildExplorerFile(views));
    const big = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await big.route('**/catalog/explorer.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await openExplorer('', big);
    expect(await resultCount(big)).toBe('10,000 entities');
    const rendered = await rows(big).count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(await explorer(big).locator('table').getAttribute('aria-rowcount')).toBe('10001');

    // Scrolling to the end brings the last rows into the window.
    await big.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const last = byTitle(views.map((view) => view.title)).at(-1)!;
    await expect.poll(() => rowTitles(big)).toContain(last);
    expect(await rows(big).count()).toBeLessThan(60);
    await big.screenshot({ path: join(screenshots, 'explorer-6-10k-scrolled.png') });

    await big.evaluate(() => window.scrollTo(0, 0));
    await facet('Kind', big).getByRole('checkbox', { name: /^API \d+$/ }).check();
    await explorer(big).getByLabel('Filter by text').fill('kestrel');
    const expected = views.filter((view) => view.kind === 'API' && [view.name, view.title, view.description, ...view.tags].join('\n').toLowerCase().includes('kestrel'));
    expect(expected.length).toBeGreaterThan(0);
    expect(await resultCount(big)).toBe(`${expected.length} of 10,000 entities`);
    expect((await rowTitles(big)).slice(0, 5)).toEqual(byTitle(expected.map((view) => view.title)).slice(0, 5));
    await big.close();
  });
});
