import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';
import { projectRoot } from './build-site.ts';
import { serveStatic } from './static-server.ts';

/** Where browser tests save their screenshots. */
export const screenshots = join(projectRoot, 'test-results', 'screenshots');

/** Debian's Chromium, headless, with the flags the brief prescribes. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface ServedSite {
  /** The built example organisation (shared by every browser test file: read it, never write it). */
  outDir: string;
  /** `http://127.0.0.1:<port>/portal/` */
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The example organisation (built once by test/browser/global-setup.ts under `/portal/`), served
 * on 127.0.0.1 like a static host, and a Chromium to read it with.
 */
export async function openExampleSite(): Promise<ServedSite> {
  const outDir = inject('exampleSite');
  const server = await serveStatic(outDir, '/portal/');
  await mkdir(screenshots, { recursive: true });
  const browser = await launchChromium();
  return {
    outDir,
    url: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
