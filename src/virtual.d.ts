/// <reference types="astro/client" />
declare module 'virtual:playbill/site' {
  /** The site's base path (`/` or `/portal/`). */
  export const base: string;
}
