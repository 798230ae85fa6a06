/**
 * A small, test-only "ats" subgraph: a company's applicant-tracking graph that owns its own
 * `Candidate` (keyed by email, with ATS fields) and job applications that point at our
 * Interviews by global id. It is a real Apollo Server + `@apollo/subgraph` on port 0, so the
 * federation test composes and routes to it exactly as a company graph would.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

export interface AtsCandidate {
  atsId: string;
  /** As the ATS stores it: any case, our subgraph matches it normalised. */
  email: string;
  fullName: string;
  stage: string;
}

export interface AtsApplication {
  id: string;
  candidateEmail: string;
  /** Global id of one of our Interviews (the ATS only stores the reference). */
  interviewId: string;
}

export const ATS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  "A person in the applicant-tracking system."
  type Candidate @key(fields: "email") {
    email: String!
    atsId: ID!
    fullName: String!
    stage: String!
  }

  "An application, linked to the AI interview it was screened with."
  type Application {
    id: ID!
    candidate: Candidate!
    interview: Interview
  }

  "Owned by the interview gateway; the ATS only knows its id."
  type Interview @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Query {
    atsCandidates: [Candidate!]!
    applications: [Application!]!
  }
`;

export interface AtsSubgraph {
  url: string;
  close(): Promise<void>;
}

export async function startAtsSubgraph(data: { candidates: AtsCandidate[]; applications: AtsApplication[] }): Promise<AtsSubgraph> {
  const byEmail = new Map(data.candidates.map((c) => [c.email, c]));
  const schema = buildSubgraphSchema({
    typeDefs: parse(ATS_SDL),
    resolvers: {
      Query: {
        atsCandidates: () => data.candidates,
        applications: () => data.applications,
      },
      Candidate: {
        __resolveReference: (reference: { email: string }) => byEmail.get(reference.email) ?? null,
      },
      Application: {
        candidate: (application: AtsApplication) => byEmail.get(application.candidateEmail),
        interview: (application: AtsApplication) => ({ __typename: 'Interview', id: application.interviewId }),
      },
    },
  });
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, close: () => server.stop() };
}
