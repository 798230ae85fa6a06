/**
 * First-visit tabs; they run as-is against the simulators. Named operations, so each tab is titled;
 * a test validates each against the schema.
 */
export interface GraphiqlExampleTab {
  query: string;
  variables?: string;
}

/** A template of the sandbox data set (SANDBOX_SEED=42): the mutation tab invites to it. */
export const GRAPHIQL_EXAMPLE_TEMPLATE_ID = 'micro1:InterviewTemplate:a32b5150-9376-4ec7-ad8d-e729c368f7dd';

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

const INVITE_CANDIDATE = `# A mutation: invite a candidate to a template (here a sandbox one; list others with
# interviewTemplates). idempotencyKey makes a retry safe: run it twice, and the second
# answer is the first one again (replayed: true), with no second invitation sent.
mutation InviteCandidate($templateId: ID!, $idempotencyKey: String!) {
  inviteCandidate(
    input: {
      templateId: $templateId
      candidate: { name: "Ada Lovelace", email: "ada.lovelace@example.com" }
      sendEmail: false
      idempotencyKey: $idempotencyKey
    }
  ) {
    replayed
    interview { id status inviteUrl invitedAt candidate { email } template { name } }
  }
}
`;

const REPORT_READY = `# Live (graphql-ws on /graphql): reports as they get ready.
# Run it, then finish a simulated HeyMilo session:
#   POST <HeyMilo simulator>/__sim/complete/<int_… id>
# (sandbox mode: the simulator URLs are in the startup banner; SANDBOX_PORT_BASE fixes them)
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

const CREATE_WEBHOOK_ENDPOINT = `# Outbound webhooks (admin; sandbox open access is admin): events of the unified model,
# signed as Standard Webhooks, POSTed to your URL. Keep the secret: it is shown once.
# Then: WEBHOOK_SECRET=<secret> node examples/webhook-receiver/receiver.mjs
# and finish a simulated session (see the ReportReady tab). The delivery log:
#   webhookDeliveries(endpointId: "ep_…") { edges { node { eventType status responseStatus attempts } } }
# docs/outbound-webhooks.md
mutation CreateWebhookEndpoint {
  createWebhookEndpoint(
    url: "http://127.0.0.1:8787/webhooks"
    events: [REPORT_READY, INTERVIEW_UPDATED, CANDIDATE_UPDATED]
    description: "my receiver"
  ) {
    secret
    endpoint { id url events enabled }
  }
}
`;

export const GRAPHIQL_EXAMPLE_TABS: readonly GraphiqlExampleTab[] = [
  { query: CANDIDATE_ACROSS_VENDORS },
  { query: PIPELINE_ACROSS_VENDORS },
  { query: REPORT_WITH_SCORECARD },
  {
    query: INVITE_CANDIDATE,
    variables: JSON.stringify({ templateId: GRAPHIQL_EXAMPLE_TEMPLATE_ID, idempotencyKey: '3b1f0c2e-graphiql-example-invite' }, null, 2),
  },
  { query: REPORT_READY },
  { query: INTERVIEW_UPDATED },
  { query: CREATE_WEBHOOK_ENDPOINT },
];
