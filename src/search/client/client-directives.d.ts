// Lets .astro files write `<SearchDialog client:search />` (the directive is registered by the integration).
export {};
declare module 'astro' {
  interface AstroClientDirectives {
    'client:search'?: boolean;
  }
}
