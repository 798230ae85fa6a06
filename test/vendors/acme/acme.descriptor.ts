import type { VendorDescriptor } from '../../../src/vendors/vendor-adapter';

/** A fifth vendor that exists only in this test folder. */
export const acmeDescriptor: VendorDescriptor = {
  provider: 'ACME',
  displayName: 'Acme Interviews',
  defaultBaseUrl: 'https://api.acme.test',
  docsUrl: 'https://docs.acme.test',
  capabilities: {
    pagination: 'OFFSET',
    listInterviews: true,
    listTemplates: true,
    webhooks: false,
    createTemplates: false,
    inviteCandidates: true,
    numericScorecard: true,
    rateLimitPerMinute: 120,
  },
  docNotes: { credential: 'Bearer token' },
  options: [{ name: 'REGION', description: 'Which Acme data centre to use.', default: 'eu' }],
};
