/**
 * The JavaScript a page ships, measured in Chromium: every script response the page loads until
 * the network and the browser are idle (so islands hydrated on load or idle count) plus its inline scripts, each
 * gzipped as a static host would serve it. Used by the search bench (bench/search.ts)
 * and the browser tests' budget check (test/browser/search.test.ts).
 */
import { gzipSync } from 'node:zlib';
import type { Page, Response } from 'playwright-core';

export interface ShippedScript {
  /** The script's URL, or `inline` for a script in the page. */
  url: string;
  bytes: number;
  gzipBytes: number;
}

export interface ShippedJavaScript {
  scripts: ShippedScript[];
  bytes: number;
  gzipBytes: number;
}

/** Loads `url` in `page` and adds up its JavaScript. */
export async function javascriptShipped(page: Page, url: string): Promise<ShippedJavaScript> {
  const pending: Promise<ShippedScript>[] = [];
  let lastRequestAt = Date.now();
  const onRequest = () => (lastRequestAt = Date.now());
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== 'script' || !response.ok()) return;
    pending.push(response.body().then((body) => weigh(response.url(), body)));
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    // Islands hydrated `client:idle` load once the browser is idle, which a busy page can put off past
    // the network going quiet: wait for an idle period, then for half a second without requests.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null))));
    while (Date.now() - lastRequestAt < 500) await page.waitForTimeout(100);
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
  }
  const inline = await page.$$eval('script:not([src])', (scripts) =>
    scripts.filter((script) => ['', 'module', 'text/javascript'].includes((script as HTMLScriptElement).type)).map((script) => script.textContent ?? ''),
  );
  const scripts = [...(await Promise.all(pending)), ...inline.filter((text) => text.trim()).map((text) => weigh('inline', Buffer.from(text)))];
  return {
    scripts,
    bytes: scripts.reduce((sum, script) => sum + script.bytes, 0),
    gzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
  };
}

function weigh(url: string, body: Buffer): ShippedScript {
  return { url, bytes: body.byteLength, gzipBytes: gzipSync(body).byteLength };
}
