/**
 * A supergraph composed with `@apollo/composition` (what `rover supergraph compose` runs), from
 * subgraph SDLs as a router would fetch them or as committed. Throws with the composition errors.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export interface SubgraphSource {
  name: string;
  sdl: string;
  /** The routing URL the router calls. */
  url: string;
}

export function composeSupergraph(subgraphs: SubgraphSource[]): string {
  const composed = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: s.url })));
  if (composed.errors) throw new Error(`composition failed:\n${composed.errors.map((e) => e.message).join('\n')}`);
  return composed.supergraphSdl;
}
