// Lets .astro files write `<GraphIsland client:interaction />` (the directive is registered by the integration).
export {};
declare module 'astro' {
  interface AstroClientDirectives {
    'client:interaction'?: boolean;
  }
}
