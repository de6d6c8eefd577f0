import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { javascriptShipped } from '../../support/page-weight.ts';
import type { CatalogEntity } from '../../src/catalog/index.ts';
import { axeViolations } from '../support/axe.ts';
import { openExampleSite, screenshots, type ServedSite } from '../support/browser.ts';
import { readCatalogFile } from '../support/build-site.ts';

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
});

afterAll(async () => {
  await site?.close();
});

/** expect.poll with room for a shared, busy machine (its default gives up after 1 s). */
const poll = <T,>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** A fresh page per test, so the island starts unhydrated, as a reader arriving would. */
async function freshPage(width = 1280, height = 900): Promise<Page> {
  await page?.close();
  page = await browser.newPage({ viewport: { width, height } });
  return page;
}

const dialog = () => page.getByRole('dialog', { name: 'Search' });
const input = () => dialog().getByRole('combobox', { name: 'Search entities and docs' });
const options = () => dialog().getByRole('option');
/** The option aria-activedescendant points at: what Enter opens. */
const activeOption = async () => page.locator(`[id="${await input().getAttribute('aria-activedescendant')}"]`);

async function openWithShortcut(key = 'Control+k') {
  await page.keyboard.press(key);
  await poll(() => dialog().isVisible()).toBe(true);
}

/** Types a query and waits until the results answer it. */
async function search(query: string) {
  await input().fill(query);
  await poll(() => page.evaluate((q) => performance.getEntriesByName('playbill:search-results').some((mark) => (mark as PerformanceMark).detail?.query === q), query)).toBe(true);
}

const ownerOf = (name: string) => {
  const entity = entities.find((candidate) => candidate.metadata.name === name)!;
  return entity.relations.find((relation) => relation.type === 'ownedBy')!.targetRef;
};

describe('searching from any page (under a base path)', () => {
  it('finds an entity by name and opens it with the keyboard', async () => {
    await freshPage();
    await page.goto(server.url);
    await openWithShortcut();
    await search('seat allocator');
    const first = options().first();
    expect(await first.locator('.kind-badge').textContent()).toBe('Component');
    expect(await first.locator('.search-hit-title').textContent()).toBe('Seat Allocator');
    expect(await first.textContent()).toContain('owned by');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: join(screenshots, 'search-1-entity.png') });

    await page.keyboard.press('ArrowDown');
    expect(await (await activeOption()).getAttribute('id')).toBe(await options().nth(1).getAttribute('id'));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await poll(() => page.url()).toBe(`${server.url}catalog/default/component/seat-allocator/`);
    expect(await page.locator('h1').textContent()).toBe('Seat Allocator');
  });

  it('finds a docs page by a word only its docs contain, with the heading it is under', async () => {
    await freshPage();
    await page.goto(`${server.url}catalog/default/component/ticketing-service/`);
    // "relay" is in the ticketing docs (the outbox relay) and on no entity page.
    expect(await page.locator('main').textContent()).not.toMatch(/relay/i);
    await openWithShortcut('/');
    await search('relay');
    const kinds = await options().locator('.kind-badge').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['Docs']));
    const stuckHolds = options().filter({ has: page.locator('.search-hit-title', { hasText: 'Stuck seat holds' }) });
    expect(await stuckHolds.locator('.search-hit-entity').textContent()).toBe('Ticketing Service');
    expect(await stuckHolds.locator('mark').first().textContent()).toMatch(/^relay/i);
    const section = options().filter({ has: page.locator('.search-section-title', { hasText: 'Outbox lag' }) });
    expect(await section.count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'search-2-docs.png') });

    // Down to the heading's option, then open it.
    for (let step = 0; step < 20 && (await (await activeOption()).getAttribute('id')) !== (await section.getAttribute('id')); step++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await poll(() => page.url()).toBe(`${server.url}docs/default/component/ticketing-service/runbooks/stuck-holds/#outbox-lag`);
  });

  it('finds an entity by a word of its own description, and not the pages that only list it among their relations', async () => {
    await freshPage();
    await page.goto(`${server.url}catalog/default/component/ticketing-service/`);
    // The ticketing service lists its subcomponent Seat Allocator with its description ("Deployed separately…").
    expect(await page.locator('main').textContent()).toContain('separately');
    await openWithShortcut();
    await search('separately');
    expect(await options().locator('.search-hit-title').allTextContents()).toEqual(['Seat Allocator']);
  });

  it('filters by owner with the chips', async () => {
    await freshPage();
    await page.goto(server.url);
    await openWithShortcut();
    await search('payments');
    const before = await options().count();
    const owners = dialog().getByRole('group', { name: 'Owner' });
    await owners.getByRole('button', { name: /^payments-team \d+ results$/ }).click();
    await poll(() => owners.getByRole('button', { name: /^payments-team/ }).getAttribute('aria-pressed')).toBe('true');
    await poll(async () => new Set(await dialog().locator('.search-option .search-hit-owner').allTextContents())).toEqual(new Set(['owned by Payments']));
    expect(await dialog().locator('.search-option:not(.search-option-section)').count()).toBeLessThanOrEqual(before);
    expect(ownerOf('payments-core')).toBe('group:default/payments-team');
    expect(await dialog().locator('.search-hit-title').allTextContents()).toContain('Payments Core');
    await page.screenshot({ path: join(screenshots, 'search-3-owner-filter.png') });
  });

  it('says when nothing matches and suggests the catalog explorer', async () => {
    await freshPage();
    await page.goto(server.url);
    await openWithShortcut();
    await search('zqxjkwv');
    expect(await options().count()).toBe(0);
    expect(await dialog().textContent()).toContain('No results for “zqxjkwv”');
    expect(await dialog().getByRole('link', { name: 'explore the catalog' }).getAttribute('href')).toBe('/portal/catalog/');
    expect(await input().getAttribute('aria-expanded')).toBe('false');
  });

  it('returns focus to what opened it, and keeps Tab inside while open', async () => {
    await freshPage();
    await page.goto(server.url);
    const button = page.getByRole('button', { name: 'Search' });
    await button.click();
    await poll(() => dialog().isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    for (let tab = 0; tab < 12; tab++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await poll(() => dialog().isVisible()).toBe(false);
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);

    // Opened by the shortcut from a focused link: focus goes back to the link.
    const link = page.getByRole('link', { name: 'Browse the catalog' });
    await link.focus();
    await page.keyboard.press('Control+k');
    await poll(() => dialog().isVisible()).toBe(true);
    await dialog().getByRole('button', { name: 'Close search' }).click();
    await poll(() => dialog().isVisible()).toBe(false);
    expect(await link.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('does not take `/` while the reader types in a field', async () => {
    await freshPage();
    await page.goto(`${server.url}search/`);
    const field = page.getByRole('searchbox', { name: 'Search entities and docs' });
    await field.fill('');
    await field.pressSequentially('ci/cd');
    expect(await field.inputValue()).toBe('ci/cd');
    expect(await dialog().count()).toBe(0);
  });

  it('has no accessibility violations with the dialog open, at desktop and phone widths', async () => {
    for (const [width, height] of [[1280, 900], [390, 844]] as const) {
      await freshPage(width, height);
      await page.goto(`${server.url}docs/default/component/ticketing-service/`);
      await openWithShortcut();
      await search('ticket');
      await dialog().getByRole('group', { name: 'Kind' }).getByRole('button').first().click();
      await poll(() => dialog().locator('[aria-pressed="true"]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(screenshots, `search-4-dialog-${width}.png`) });
    }
  });

  it('explains that search is unavailable when the index is missing', async () => {
    await freshPage();
    await page.route('**/pagefind/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(server.url);
    await openWithShortcut();
    await poll(() => dialog().textContent()).toContain('Search is not available here.');
    expect(await dialog().getByRole('link', { name: 'Browse the catalog' }).getAttribute('href')).toBe('/portal/catalog/');
  });
});

describe('the /search page', () => {
  it('keeps the query and filters in its URL, so a shared link shows the same results after a reload', async () => {
    await freshPage();
    await page.goto(`${server.url}search/`);
    const field = page.getByRole('searchbox', { name: 'Search entities and docs' });
    await field.fill('payments');
    await page.getByRole('group', { name: 'Owner' }).getByRole('button', { name: /^payments-team/ }).click();
    await poll(() => page.url()).toBe(`${server.url}search/?q=payments&owner=payments-team`);
    await poll(() => page.getByRole('status').textContent()).toMatch(/^\d+ results?$/);
    const resultsOf = (tab: typeof page) => tab.locator('.search-results > li > a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));

    // The shared link, opened in a new tab, shows only the filtered results (a page typing its way there shows
    // others on the way, and its URL changes before its filtered results arrive).
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await other.goto(`${server.url}search/?q=payments&owner=payments-team`);
    await poll(async () => (await resultsOf(other)).length).toBeGreaterThan(0);
    const shared = await resultsOf(other);
    expect(shared.every((href) => href?.startsWith('/portal/'))).toBe(true);
    expect(shared).not.toContain('/portal/catalog/default/user/hannah.berg/'); // matches "payments", owns nothing
    await poll(() => resultsOf(page)).toEqual(shared);
    await page.screenshot({ path: join(screenshots, 'search-5-page.png'), fullPage: true });
    expect(await other.getByRole('searchbox', { name: 'Search entities and docs' }).inputValue()).toBe('payments');
    expect(await other.getByRole('group', { name: 'Owner' }).getByRole('button', { name: /^payments-team/ }).getAttribute('aria-pressed')).toBe('true');
    await other.reload();
    await poll(() => resultsOf(other)).toEqual(shared);
    await other.close();
  });

  it('opens a docs heading from its results and links to the catalog when nothing matches', async () => {
    await freshPage();
    await page.goto(`${server.url}search/?q=relay&kind=Docs`);
    const section = page.getByRole('link', { name: /^Outbox lag/ });
    await poll(() => section.count()).toBe(1);
    expect(await section.getAttribute('href')).toBe('/portal/docs/default/component/ticketing-service/runbooks/stuck-holds/#outbox-lag');
    await page.goto(`${server.url}search/?q=zqxjkwv`);
    await poll(() => page.locator('.search-message').textContent()).toContain('No results');
    expect(await page.getByRole('link', { name: 'explore the catalog' }).getAttribute('href')).toBe('/portal/catalog/');
  });

  it('has no accessibility violations, and says search needs JavaScript without it', async () => {
    await freshPage(390, 844);
    await page.goto(`${server.url}search/?q=ticket&kind=Component`);
    await poll(() => page.locator('.search-results > li').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshots, 'search-6-page-390.png'), fullPage: true });

    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto(`${server.url}search/?q=ticket`);
    expect(await noScript.locator('main').textContent()).toContain('Search runs in your browser and needs JavaScript');
    expect(await noScript.getByRole('link', { name: 'browse the catalog' }).getAttribute('href')).toBe('/portal/catalog/');
    await context.close();
  });
});

describe('the JavaScript budget', () => {
  const budget = 30 * 1024;

  for (const [label, path] of [
    ['an entity page', 'catalog/default/component/ticketing-service/'],
    ['a docs page', 'docs/default/component/ticketing-service/runbooks/stuck-holds/'],
  ] as const) {
    it(`keeps ${label} at ≤ 30 kB of gzipped JavaScript until search is opened`, async () => {
      await freshPage();
      const shipped = await javascriptShipped(page, `${server.url}${path}`);
      expect(shipped.gzipBytes, JSON.stringify(shipped.scripts, null, 1)).toBeLessThanOrEqual(budget);
      // None of the search island's code (React, the dialog, pagefind) is among it…
      expect(shipped.scripts.filter((script) => /SearchDialog|client\.|react|pagefind/.test(script.url))).toEqual([]);
      // …until the reader opens search.
      const loaded: string[] = [];
      page.on('request', (request) => loaded.push(request.url()));
      await openWithShortcut();
      await poll(() => loaded.some((url) => url.endsWith('/portal/pagefind/pagefind.js'))).toBe(true);
      expect(loaded.some((url) => /\/_astro\/SearchDialog\.[\w-]+\.js$/.test(url))).toBe(true);
    });
  }
});
