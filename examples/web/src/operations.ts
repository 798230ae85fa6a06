/** Every operation the page runs; `npm run codegen` types them (examples/web/src/gql). */
import { graphql } from './gql';

export const PipelineFeedQuery = graphql(`
  query PipelineFeed($first: Int!, $after: String, $providers: [Provider!], $status: InterviewStatus) {
    interviews(first: $first, after: $after, providers: $providers, status: $status, orderBy: UPDATED_AT_DESC) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        provider
        node {
          id
          provider
          status
          templateName
          updatedAt
          candidate {
            email
            name
          }
          report {
            id
            recommendation
            score {
              value
              label
              scale
            }
          }
        }
      }
    }
  }
`);

export const CandidateProfileQuery = graphql(`
  query CandidateProfile($email: String!) {
    candidate(email: $email) {
      email
      name
      accounts {
        provider
        providerId
        name
        email
      }
      interviews(first: 50) {
        edges {
          provider
          node {
            id
            provider
            providerId
            status
            statusRaw
            templateName
            invitedAt
            completedAt
            inviteUrl
          }
        }
      }
      reports {
        id
        provider
        completedAt
        summary
        recommendation
        reportUrl
        pdfUrl
        highlights
        lowlights
        score {
          value
          label
          scale
        }
        interview {
          id
          templateName
        }
        scorecard {
          overall {
            value
            label
            scale
          }
          items {
            name
            category
            feedback
            notScored
            score {
              value
              label
              scale
            }
          }
        }
        transcript {
          sequence
          speaker
          text
        }
        recordings {
          kind
          format
          url
          playerUrl
        }
      }
    }
  }
`);

export const InterviewUpdatedSubscription = graphql(`
  subscription LiveInterviewUpdated($candidateEmail: String) {
    interviewUpdated(candidateEmail: $candidateEmail) {
      id
      status
    }
  }
`);

export const ReportReadySubscription = graphql(`
  subscription LiveReportReady($candidateEmail: String) {
    reportReady(candidateEmail: $candidateEmail) {
      id
      provider
      interview {
        id
      }
    }
  }
`);
