/**
 * Where the integration leaves the promise of the site data (pipeline and plugin stage) for the
 * pages, which Astro renders in the same process. A registered symbol, because the integration
 * and the page bundle are separate module instances.
 */
export const pendingSiteKey = Symbol.for('playbill.pendingSite');
