import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExampleSite, screenshots, type ServedSite } from '../support/browser.ts';

let browser: Browser;
let page: Page;
let site: ServedSite;
let server: { url: string };

beforeAll(async () => {
  site = await openExampleSite();
  browser = site.browser;
  server = { url: site.url };
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await site?.close();
});

describe('a reader browsing the catalog (under a base path)', () => {
  it('goes home → catalog → an entity → its owner group → a member', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.title()).toBe('Encore developer portal');
    await page.screenshot({ path: join(screenshots, '1-home.png'), fullPage: true });

    await page.getByRole('link', { name: 'Browse the catalog' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}catalog/`);
    // The explorer takes over the server-rendered list when the page is idle, and its table shows only the rows in
    // view: find the entity the way a reader of the hydrated page does, by filtering (clicking the static list while
    // it is being replaced raced the hydration).
    const filter = page.getByLabel('Filter by text');
    await filter.fill('Ticketing Service');
    await page.getByRole('table').getByRole('link', { name: 'Ticketing Service', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ticketing Service');
    await page.screenshot({ path: join(screenshots, '2-entity.png'), fullPage: true });

    const owner = page.locator('.about dt:text("Owner") + dd a');
    const ownerName = await owner.textContent();
    await owner.click();
    await expect.poll(() => page.url()).toContain('/portal/catalog/default/group/');
    await expect.poll(() => page.locator('h1').textContent()).toBe(ownerName);
    await page.screenshot({ path: join(screenshots, '3-owner-group.png'), fullPage: true });

    const member = page.getByRole('region', { name: 'Members' }).getByRole('link').first();
    const memberName = await member.textContent();
    await member.click();
    await expect.poll(() => page.url()).toContain('/portal/catalog/default/user/');
    await expect.poll(() => page.locator('h1').textContent()).toBe(memberName);
    expect(await page.getByRole('region', { name: 'Member of' }).getByRole('link', { name: ownerName! }).count()).toBe(1);
    await page.screenshot({ path: join(screenshots, '4-member.png'), fullPage: true });
  });

  it('shows the deliberate mistakes on the problems page, linked to their entities', async () => {
    await page.goto(`${server.url}problems/`);
    const repo = page.getByRole('region', { name: /retired-billing/ });
    expect(await repo.locator('.problem').count()).toBeGreaterThanOrEqual(7);
    expect(await repo.textContent()).toContain('retired-billing/catalog/bad-name.yaml:10:9');
    await page.screenshot({ path: join(screenshots, '5-problems.png'), fullPage: true });
  });

  it('lets a keyboard user skip to the content', async () => {
    await page.goto(server.url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it('never runs script from a descriptor', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.url}catalog/default/component/partner-embed-widget/`);
    for (const link of await page.locator('a').all()) expect(await link.getAttribute('href')).not.toMatch(/^javascript:/i);
    expect(dialogs).toEqual([]);
    // The only scripts are Playbill's own islands' (search, the catalog graph): its bundles, and loaders with no descriptor text.
    for (const script of await page.locator('script').all()) {
      const src = await script.getAttribute('src');
      if (src) expect(src).toMatch(/^\/portal\/_astro\/[\w.-]+\.js$/);
      else expect(await script.textContent()).not.toMatch(/alert\(/);
    }
  });

  it('reads docs: entity → its docs → a relative link → the on-page table of contents', async () => {
    await page.goto(`${server.url}catalog/default/component/ticketing-service/`);
    await page.getByRole('link', { name: 'Docs', exact: true }).last().click();
    await expect.poll(() => page.url()).toBe(`${server.url}docs/default/component/ticketing-service/`);
    const current = page.locator('.docs-nav a[aria-current="page"]');
    expect(await current.count()).toBe(1);

    const relative = page.locator(`.markdown a[href^="/portal/docs/default/component/ticketing-service/"]:not([href*="#"])`).first();
    const target = await relative.getAttribute('href');
    await relative.click();
    await expect.poll(() => page.url()).toBe(`http://127.0.0.1:${new URL(server.url).port}${target}`);
    expect(await page.locator('.markdown h1, .markdown h2').count()).toBeGreaterThan(0);

    const tocLink = page.getByRole('navigation', { name: 'On this page' }).getByRole('link').nth(1);
    const hash = await tocLink.getAttribute('href');
    await tocLink.click();
    await expect.poll(() => new URL(page.url()).hash).toBe(hash);
    const heading = page.locator(`[id="${decodeURIComponent(hash!.slice(1))}"]`);
    await expect.poll(() => heading.evaluate((element) => element.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    await page.screenshot({ path: join(screenshots, '6-docs-page.png'), fullPage: false });
  });

  it('keeps the hostile docs page inert in the browser', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${server.url}docs/default/component/web-storefront/partner-embed/`);
    // Links whose URL was unsafe keep their text but lose their href.
    for (const link of await page.locator('.markdown a').all()) expect((await link.getAttribute('href')) ?? '').not.toMatch(/^\s*javascript:/i);
    expect(await page.locator('.markdown script, .markdown iframe, .markdown [onclick], .markdown [onerror]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(screenshots, '7-docs-hostile.png'), fullPage: true });
  });
});
