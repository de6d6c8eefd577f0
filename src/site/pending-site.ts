/**
 * Where the integration leaves the promise of the running pipeline for pages rendered in the
 * same process. A registered symbol, because the integration and the page bundle are
 * separate module instances.
 */
export const pendingSiteKey = Symbol.for('playbill.pendingSite');
