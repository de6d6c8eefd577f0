import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { openExampleSite, screenshots, type ServedSite } from '../support/browser.ts';

let browser: Browser;
let page: Page;
let site: ServedSite;
let server: { url: string };
/** Scripts the page fetched, by file name. */
let scripts: string[] = [];

beforeAll(async () => {
  site = await openExampleSite();
  browser = site.browser;
  server = { url: site.url };
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url().split('/').pop()!);
  });
});

afterAll(async () => {
  await site?.close();
});

const diagram = () => page.getByRole('figure', { name: 'Relations of Ticketing Service' });

describe('the relations diagram on an entity page', () => {
  it('shows the entity’s relations as SVG with links and a text list, loading no script until it is used', async () => {
    scripts = [];
    await page.goto(`${server.url}catalog/default/component/ticketing-service/`);
    await expect.poll(() => diagram().count()).toBe(1);
    await expect.poll(() => diagram().locator('[data-graph-static] svg .graph-node').count()).toBe(13);
    // The current entity is drawn, not linked; its neighbours link to their pages.
    expect(await diagram().getByRole('link', { name: 'Ticketing Service, Component · service' }).count()).toBe(0);
    expect(await diagram().getByRole('link', { name: 'Seat Allocator, Component · service' }).getAttribute('href')).toBe('/portal/catalog/default/component/seat-allocator/');
    const sentences = await diagram().locator('[data-graph-static] .visually-hidden li').allTextContents();
    expect(sentences).toContain('Ticketing (Group · team) owner of Ticketing Service (Component · service)');
    expect(sentences).toContain('Ticketing Service (Component · service) consumes API Payments API (API · openapi)');
    expect(scripts.filter((name) => name.startsWith('GraphIsland') || name.startsWith('dagre'))).toEqual([]);
    await diagram().scrollIntoViewIfNeeded();
    await diagram().screenshot({ path: join(screenshots, 'catalog-graph-1-entity.png') });
    expect(await axeViolations(page, 'figure.graph')).toEqual([]);
  });

  it('follows a node to its entity page', async () => {
    await diagram().getByRole('link', { name: 'Seat Allocator, Component · service' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Seat Allocator');
    await expect.poll(() => page.getByRole('figure', { name: 'Relations of Seat Allocator' }).count()).toBe(1);
  });

  it('expands one hop further and back, zooms from the keyboard', async () => {
    await page.goto(`${server.url}catalog/default/component/ticketing-service/`);
    await diagram().getByRole('button', { name: 'More relations' }).click();
    const expanded = diagram().locator('.graph-expanded svg');
    await expect.poll(() => expanded.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => diagram().getByRole('status').textContent()).toMatch(/^Showing relations up to 2 hops away: \d+ entities/);
    // Two hops out: the team's members, through the team that owns the service.
    expect(await expanded.getByRole('link', { name: 'dmitri.volkov, User' }).count()).toBe(1);
    expect(await diagram().locator('[data-graph-static]').isHidden()).toBe(true);
    expect(scripts.some((name) => name.startsWith('dagre'))).toBe(true);
    await diagram().screenshot({ path: join(screenshots, 'catalog-graph-2-expanded.png') });
    expect(await axeViolations(page, 'figure.graph')).toEqual([]);

    const viewport = diagram().locator('.graph-expanded .graph-viewport');
    const before = await expanded.getAttribute('viewBox');
    await viewport.focus();
    await page.keyboard.press('+');
    await expect.poll(() => expanded.getAttribute('viewBox')).not.toBe(before);

    await diagram().getByRole('button', { name: 'Fewer relations' }).click();
    await expect.poll(() => diagram().locator('[data-graph-static]').isVisible()).toBe(true);
    expect(await expanded.count()).toBe(0);
  });
});

describe('the Graph page', () => {
  it('is in the header, draws domains and systems, and passes axe', async () => {
    await page.goto(`${server.url}catalog/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Graph' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}plugins/catalog-graph/`);
    const overview = page.getByRole('figure', { name: 'Domains and systems' });
    await expect.poll(() => overview.getByRole('link', { name: 'Ticket Sales, System' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: /Systems/ }).getByRole('link', { name: 'Ticket Sales' }).count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'catalog-graph-3-page.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('filters the catalog by system and draws it', async () => {
    const overview = page.getByRole('figure', { name: 'Domains and systems' });
    await overview.getByRole('button', { name: 'Filter' }).click();
    const system = overview.getByRole('combobox', { name: 'System' });
    await expect.poll(() => system.count(), { timeout: 20_000 }).toBe(1);
    await system.selectOption({ label: 'Ticket Sales' });
    await overview.getByRole('button', { name: 'Draw' }).click();
    const drawn = overview.locator('.graph-expanded svg');
    await expect.poll(() => drawn.count(), { timeout: 20_000 }).toBe(1);
    expect(await drawn.getByRole('link', { name: 'Ticketing Service, Component · service' }).count()).toBe(1);
    expect(await drawn.getByRole('link', { name: 'Payments Core, Component · service' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshots, 'catalog-graph-4-filtered.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });
});
