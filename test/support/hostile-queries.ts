/** Operations built to trip the query limits (see `src/graphql/plugins/query-limits.ts`). */

/**
 * A real path nested `levels` times through `candidate` links: interviews → edges → node →
 * candidate → interviews → …, ending in `id`.
 */
export function nestedQuery(levels: number): string {
  let q = 'id';
  for (let i = 0; i < levels; i += 1) q = `candidate { interviews(first: 1) { edges { node { ${q} } } } }`;
  return `{ interviews(provider: MICRO1, first: 1) { edges { node { ${q} } } } }`;
}

/** `count` aliased copies of a cheap field (`a0: providers { provider } …`). */
export function aliasedQuery(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: providers { provider }`).join(' ')} }`;
}

/** One field carrying `count` `@include` directives. */
export function directiveQuery(count: number): string {
  return `{ providers { provider ${'@include(if: true) '.repeat(count)} } }`;
}

/** `count` aliased 100 × 100 fan-outs down to scorecard items: costly well within the alias limit. */
export function costlyQuery(count = 12): string {
  return `{ ${Array.from({ length: count }, (_, i) => `i${i}: interviews(provider: MICRO1, first: 100) { edges { node { candidate { interviews(first: 100) { edges { node { report { scorecard { items { name score { value } } } } } } } } } } }`).join(' ')} }`;
}

/** A document of more than `tokens` lexical tokens. */
export function tokenHeavyQuery(tokens: number): string {
  return `{ providers { ${'provider '.repeat(tokens + 1)} } }`;
}
