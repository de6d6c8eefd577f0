import { join } from 'node:path';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { javascriptShipped } from '../../support/page-weight.ts';
import { axeViolations } from '../support/axe.ts';
import { openExampleSite, screenshots, type ServedSite } from '../support/browser.ts';

// The example organisation's Ticketing Service has every kind of panel: GitHub, Kubernetes, coverage and the graph.
let browser: Browser;
let page: Page;
let site: ServedSite;
let server: { url: string };

beforeAll(async () => {
  site = await openExampleSite();
  browser = site.browser;
  server = { url: site.url };
});

afterAll(async () => {
  await site?.close();
});

/** expect.poll with room for a shared, busy machine (its default gives up after 1 s). */
const poll = <T,>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** A fresh page per test, so islands start unhydrated, as for a reader arriving. */
async function freshPage(): Promise<Page> {
  await page?.close();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return page;
}

const ticketingService = () => `${server.url}catalog/default/component/ticketing-service/`;
const panel = (name: string) => page.getByRole('region', { name, exact: true });
const footerOf = (region: Locator) => region.locator('.panel-footer');
/** Text of a table's cells, row by row. */
const rowsOf = (table: Locator) => table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim())));

describe('a reader looking at a service through its plugins (under a base path)', () => {
  it('sees every panel on the entity page with real content, dated, and marked as sample data when recorded', async () => {
    await freshPage();
    await page.goto(ticketingService());
    await poll(() => page.locator('h1').textContent()).toBe('Ticketing Service');
    expect(await page.getByRole('list', { name: 'Badges' }).getByRole('listitem').allTextContents()).toEqual(['coverage 87%', 'CI passing', 'k8s healthy']);

    // GitHub: the latest run on the default branch, the release and the pull requests.
    const github = panel('GitHub');
    expect(await github.locator('.panel-header .badge').textContent()).toBe('CI passing');
    expect(await github.locator('p.status').textContent()).toMatch(/^CI #\d+: success on main, push at [0-9a-f]{7}/);
    expect(await github.locator('dt:text("Latest release") + dd').textContent()).toMatch(/^v\d+\.\d+\.\d+/);
    expect(Number(await github.locator('dt:text("Open pull requests") + dd').textContent())).toBeGreaterThan(0);
    expect((await rowsOf(github.getByRole('table', { name: 'Languages' }))).map((row) => row[0])).toContain('Kotlin');

    // Kubernetes: each cluster's deployments and pods, with a link to the full tab.
    const kubernetes = panel('Kubernetes');
    expect(await kubernetes.locator('.panel-header .badge').textContent()).toBe('Deployment healthy');
    expect(await rowsOf(kubernetes.getByRole('table', { name: 'Clusters' }))).toEqual([['production', '1 of 1', '3 of 3', '0', 'Healthy']]);

    // Coverage: line and branch meters with their values, and the files.
    const coverage = panel('Code coverage');
    const lines = coverage.getByRole('meter', { name: 'Lines' });
    const branches = coverage.getByRole('meter', { name: 'Branches' });
    expect(Number(await lines.getAttribute('value'))).toBeCloseTo((191 / 218) * 100, 1);
    expect(Number(await branches.getAttribute('value'))).toBeCloseTo((35 / 48) * 100, 1);
    expect(await coverage.locator('dt:text("Lines covered") + dd').textContent()).toBe('191 / 218');
    expect((await rowsOf(coverage.getByRole('table', { name: 'Coverage by file' }))).length).toBeGreaterThan(1);

    // The graph: the service's neighbours drawn as linked nodes, and the same relations as sentences.
    const diagram = page.getByRole('figure', { name: 'Relations of Ticketing Service' });
    expect(await diagram.locator('svg .graph-node').count()).toBeGreaterThan(5);
    expect(await diagram.getByRole('link', { name: 'Tickets API, API · openapi' }).count()).toBe(1);
    expect(await diagram.locator('.visually-hidden li').allTextContents()).toContain('Tickets API (API · openapi) API provided by Ticketing Service (Component · service)');

    // Panels from fetched (here: recorded) responses say so and when; those computed from the repo say that.
    for (const fetched of [github, kubernetes]) {
      expect(await footerOf(fetched).textContent()).toMatch(/^Sample data \(recorded responses\) · as of \d\d:\d\d UTC, \d{1,2} \w{3} \d{4}$/);
      expect(await footerOf(fetched).locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    for (const computed of [coverage, panel('Relations graph')]) expect(await footerOf(computed).textContent()).toBe('computed at build time');

    await page.screenshot({ path: join(screenshots, 'plugins-1-entity-every-panel.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('follows a relation in the diagram to the related entity’s page', async () => {
    const diagram = page.getByRole('figure', { name: 'Relations of Ticketing Service' });
    await diagram.getByRole('link', { name: 'Tickets API, API · openapi' }).click();
    await page.waitForURL(`${server.url}catalog/default/api/tickets-api/`);
    await poll(() => page.locator('h1').textContent()).toBe('Tickets API');
    // The way back is drawn too: the API's own diagram links to the service that provides it.
    expect(await page.getByRole('figure', { name: 'Relations of Tickets API' }).getByRole('link', { name: 'Ticketing Service, Component · service' }).count()).toBe(1);
  });

  it('opens an operation of the API reference with the mouse and reads its parameters and responses', async () => {
    await page.getByRole('navigation', { name: 'Entity views' }).getByRole('link', { name: 'API reference' }).click();
    await page.waitForURL(`${server.url}catalog/default/api/tickets-api/api/`);
    const operation = page.locator('details', { has: page.locator('summary', { hasText: 'POST /orders' }) });
    expect(await operation.getAttribute('open')).toBeNull();
    expect(await operation.getByRole('table', { name: 'Parameters (POST /orders)' }).isVisible()).toBe(false);

    await operation.locator('summary').click();
    await poll(() => operation.getAttribute('open')).toBe('');
    const parameters = operation.getByRole('table', { name: 'Parameters (POST /orders)' });
    expect(await parameters.isVisible()).toBe(true);
    expect((await rowsOf(parameters))[0]!.slice(0, 4)).toEqual(['Idempotency-Key', 'header', 'string', 'yes']);
    const created = operation.getByRole('table', { name: 'Response 201 application/json: Order (POST /orders)' });
    expect(await created.isVisible()).toBe(true);
    expect((await rowsOf(created)).map((row) => row[0])).toContain('total.amount');

    await operation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'plugins-2-api-operation-open.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('opens an operation of the API reference from the keyboard', async () => {
    const operation = page.locator('details', { has: page.locator('summary', { hasText: 'GET /orders/{orderId}' }) });
    const summary = operation.locator('summary');
    await summary.focus();
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await poll(() => operation.getAttribute('open')).toBe('');
    expect(await operation.getByRole('table', { name: 'Parameters (GET /orders/{orderId})' }).isVisible()).toBe(true);
    expect(await operation.getByRole('table', { name: 'Response 200 application/json: Order (GET /orders/{orderId})' }).isVisible()).toBe(true);
    // Two operations open: their tables' regions still have names of their own.
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reads the Kubernetes tab: deployments and their pods', async () => {
    await freshPage();
    await page.goto(ticketingService());
    await panel('Kubernetes').getByRole('link', { name: 'Deployments and pods' }).click();
    await page.waitForURL(`${ticketingService()}kubernetes/`);
    expect(await page.getByRole('navigation', { name: 'Entity views' }).locator('[aria-current="page"]').textContent()).toBe('Kubernetes');
    expect(await page.getByRole('heading', { name: /Cluster production/ }).count()).toBe(1);
    const deployment = page.getByRole('heading', { name: /Deployment ticketing-service/ });
    expect(await deployment.textContent()).toBe('3/3 readyDeployment ticketing-service');
    const pods = await rowsOf(page.getByRole('table', { name: 'Pods of ticketing-service' }));
    expect(pods).toHaveLength(3);
    for (const pod of pods) expect(pod.slice(1, 4)).toEqual(['Running', '1/1', '0']);
    expect(await footerOf(panel('Kubernetes')).textContent()).toMatch(/^Sample data \(recorded responses\) · as of /);

    await page.screenshot({ path: join(screenshots, 'plugins-3-kubernetes-tab.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reads the CI/CD tab: the latest workflow runs on the default branch', async () => {
    await page.getByRole('navigation', { name: 'Entity views' }).getByRole('link', { name: 'CI/CD' }).click();
    await page.waitForURL(`${ticketingService()}ci/`);
    const runs = await rowsOf(page.getByRole('table', { name: 'Workflow runs on main' }));
    expect(runs.length).toBeGreaterThan(1);
    expect(runs[0]!.slice(0, 4)).toEqual(['CI', 'push', 'success', 'main']);
    expect(runs.map((run) => run[2])).toContain('failure');
    expect(await page.getByRole('link', { name: '#1712' }).getAttribute('href')).toMatch(/^https:\/\/github\.com\/encore\/ticketing-service\/actions\/runs\/\d+$/);
    expect(await footerOf(panel('CI/CD')).textContent()).toMatch(/^Sample data \(recorded responses\) · as of /);

    await page.screenshot({ path: join(screenshots, 'plugins-4-ci-tab.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('ships at most 30 kB of gzipped JavaScript on the entity page until an island is used', async () => {
    await freshPage();
    const shipped = await javascriptShipped(page, ticketingService());
    expect(shipped.gzipBytes, JSON.stringify(shipped.scripts, null, 1)).toBeLessThanOrEqual(30 * 1024);
    // Neither the graph's island nor the search dialog has loaded: they wait for the reader.
    expect(shipped.scripts.filter((script) => /GraphIsland|dagre|SearchDialog|pagefind/.test(script.url))).toEqual([]);
  });
});
