/** Code-point string order: unlike localeCompare, the same on every machine and locale, so output is byte-identical. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
