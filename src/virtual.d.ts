/// <reference types="astro/client" />
declare module 'virtual:playbill/site' {
  /** Absolute path of the JSON file the pipeline wrote for this build. */
  export const dataFile: string;
  /** The site's base path (`/` or `/portal/`). */
  export const base: string;
}
