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

/** `count` aliases of `__typename` (`t0: __typename …`): no resolver, but as many fields to answer. */
export function typenameAliasQuery(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `t${i}: __typename`).join(' ')} }`;
}

/** One field carrying `count` `@include` directives. */
export function directiveQuery(count: number): string {
  return `{ providers { provider ${'@include(if: true) '.repeat(count)} } }`;
}

/**
 * `count` aliased 100 × 100 fan-outs down to scorecard items: costly well within the alias limit.
 * With `pageSize` a variable name (`'$n'`), the page sizes are that `Int!` variable instead of 100.
 */
export function costlyQuery(count = 12, pageSize: '100' | `$${string}` = '100'): string {
  const fanOuts = Array.from(
    { length: count },
    (_, i) =>
      `i${i}: interviews(provider: MICRO1, first: ${pageSize}) { edges { node { candidate { interviews(first: ${pageSize}) { edges { node { report { scorecard { items { name score { value } } } } } } } } } } }`,
  ).join(' ');
  return pageSize.startsWith('$') ? `query(${pageSize}: Int!) { ${fanOuts} }` : `{ ${fanOuts} }`;
}

/** A document of more than `tokens` lexical tokens. */
export function tokenHeavyQuery(tokens: number): string {
  return `{ providers { ${'provider '.repeat(tokens + 1)} } }`;
}
