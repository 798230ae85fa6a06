/**
 * The tabs GraphiQL opens with on a first visit (GraphiQL then keeps the user's own tabs in the
 * browser's localStorage). They run as they are against the simulators — the candidate is a
 * sandbox person interviewed at all four vendors — and against real vendors they show the shape
 * of the graph. Named operations, so each tab is titled. `test/integration/graphiql.test.ts`
 * validates every one against the schema, so a schema change cannot leave a broken example.
 */
export interface GraphiqlExampleTab {
  query: string;
  variables?: string;
}

/** The cross-vendor feeds: the pipeline a recruiting team reads first. */
const PIPELINE_ACROSS_VENDORS = `# Pipeline across vendors: every configured vendor in one order, one cursor.
# (extensions.indexIncomplete lists vendors whose first sync pass is still running.)
query PipelineAcrossVendors {
  latest: interviews(first: 10) {
    totalCount
    edges {
      provider
      node { id status updatedAt candidate { email name } template { name } }
    }
    pageInfo { hasNextPage endCursor }
  }
  # Best comparable scores first: only documented 0–100 scales (Score.scale PERCENT)
  # are ranked; label ladders and undocumented scales follow in completion order.
  best: reports(first: 10, orderBy: SCORE_DESC) {
    totalCount
    edges {
      provider
      node { completedAt score { value scale label } interview { candidate { email } } }
    }
  }
}
`;

/** One person across vendors: the README's candidate example, without the bulky transcript and recordings. */
const CANDIDATE_ACROSS_VENDORS = `# One person across every vendor. Run: ▶ or Ctrl-Enter.
# The email matches whatever its case or spaces.
query CandidateAcrossVendors {
  candidate(email: "Omar.Petrov.8@example.com ") {
    email
    name
    interviews(first: 10) {
      edges {
        provider
        node {
          id
          status
          statusRaw
          invitedAt
          report { score { value label } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
    accounts { provider providerId email }
    latestReport { provider score { value } }
  }
}
`;

/** The README's report example, on the latest completed micro1 interview instead of an `$id`. */
const REPORT_WITH_SCORECARD = `# A report: scorecard, integrity, transcript, recordings.
query ReportWithScorecard {
  interviews(provider: MICRO1, status: COMPLETED, first: 1) {
    edges {
      node {
        id
        status
        candidate { email name }
        report {
          score { value raw scaleMin scaleMax label }
          integrity { score { value } violations { type value description } }
          scorecard { items { category name question answer feedback score { value raw label } } }
          transcript { sequence speaker text offsetMs at }
          recordings { kind format url playerUrl expiresAt }
        }
      }
    }
  }
}
`;

const REPORT_READY = `# Live (graphql-ws on /graphql): reports as they get ready.
# Run it, then finish a simulated HeyMilo session:
#   POST <HeyMilo simulator>/__sim/complete/<int_… id>
# (sandbox mode: the simulator URLs are in the startup log)
subscription ReportReady {
  reportReady(provider: HEYMILO) {
    id
    provider
    score { value }
    interview { candidate { email } }
  }
}
`;

const INTERVIEW_UPDATED = `# Live: interviews whose state a vendor webhook changed.
# Filter with interviewUpdated(provider: …, candidateEmail: …).
subscription InterviewUpdated {
  interviewUpdated {
    id
    provider
    status
    candidate { email }
  }
}
`;

export const GRAPHIQL_EXAMPLE_TABS: readonly GraphiqlExampleTab[] = [
  { query: CANDIDATE_ACROSS_VENDORS },
  { query: PIPELINE_ACROSS_VENDORS },
  { query: REPORT_WITH_SCORECARD },
  { query: REPORT_READY },
  { query: INTERVIEW_UPDATED },
];
