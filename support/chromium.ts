import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (or `CHROMIUM_PATH`), headless, with nothing running beside the page: no
 * background networking, component updates, sync or first-run work to disturb a test or a timing.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
