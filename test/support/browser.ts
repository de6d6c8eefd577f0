import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from '../../support/chromium.ts';
import { serveStatic } from '../../support/static-server.ts';
import { projectRoot } from './build-site.ts';

/** Where browser tests save their screenshots. */
export const screenshots = join(projectRoot, 'test-results', 'screenshots');

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
