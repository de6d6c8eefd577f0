import { compareStrings } from './compare-strings.ts';

/** Backstage's built-in kinds, spelled as Backstage spells them, in its usual order for listings. */
export const builtinKindOrder = ['Domain', 'System', 'Component', 'API', 'Resource', 'Group', 'User', 'Template', 'Location'] as const;

const spellingByLowercase = new Map<string, string>(builtinKindOrder.map((kind) => [kind.toLowerCase(), kind]));

/** Kinds in Backstage's usual order; other kinds follow, in code-point order. */
export function compareKinds(a: string, b: string): number {
  const rank = (kind: string) => {
    const index = (builtinKindOrder as readonly string[]).indexOf(kind);
    return index === -1 ? builtinKindOrder.length : index;
  };
  return rank(a) - rank(b) || compareStrings(a, b);
}

/** The kind of a formatted ref (`api:default/x` → `API`), spelled as Backstage spells a built-in kind, else capitalised. */
export function kindOfRef(ref: string): string {
  const kind = ref.slice(0, Math.max(0, ref.indexOf(':'))) || 'unknown';
  return spellingByLowercase.get(kind) ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}
