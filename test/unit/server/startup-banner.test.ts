import { sessionFinishing, startupBanner, type StartupBannerInput } from '../../../src/server/startup-banner';
import { Provider } from '../../support/providers';

const complete = async () => [];
const deliver = () => undefined;

describe('sessionFinishing', () => {
  it('offers completions of a simulator that sends webhooks only when the tenant has its token', () => {
    expect(sessionFinishing({ deliverWebhooks: deliver, simulateCompletion: complete }, 'token')).toEqual({ completes: true, webhooks: true });
    expect(sessionFinishing({ deliverWebhooks: deliver, simulateCompletion: complete }, undefined)).toEqual({ completes: false, webhooks: true });
  });

  it('offers those of a simulator whose vendor sends no webhooks, token or not', () => {
    expect(sessionFinishing({ simulateCompletion: complete }, undefined)).toEqual({ completes: true, webhooks: false });
    expect(sessionFinishing({ simulateCompletion: complete }, 'token')).toEqual({ completes: true, webhooks: false });
  });

  it('never offers them without simulateCompletion', () => {
    expect(sessionFinishing({ deliverWebhooks: deliver }, 'token')).toEqual({ completes: false, webhooks: true });
    expect(sessionFinishing({}, undefined)).toEqual({ completes: false, webhooks: false });
  });
});

describe('startupBanner', () => {
  const input = (simulators: StartupBannerInput['simulators']): StartupBannerInput => ({
    base: 'http://localhost:4000',
    tenants: ['default'],
    graphiql: false,
    envFile: null,
    webhooks: [],
    simulators,
    activeTtlSeconds: 30,
  });

  it('says how to finish a session, and when the gateway sees it without webhooks', () => {
    const { message } = startupBanner(
      input([
        { provider: Provider.HEYMILO, url: 'http://127.0.0.1:4101', completes: true, webhooks: true },
        { provider: Provider.XOBIN, url: 'http://127.0.0.1:4102', completes: false, webhooks: true },
        { provider: Provider.EVALYO, url: 'http://127.0.0.1:4103', completes: true, webhooks: false },
      ]),
    );
    expect(message.split('\n')).toEqual([
      'GraphQL gateway ready at http://localhost:4000/graphql',
      '  simulators  HEYMILO  http://127.0.0.1:4101  finish a session: POST http://127.0.0.1:4101/__sim/complete/<id>',
      '              XOBIN    http://127.0.0.1:4102',
      '              EVALYO   http://127.0.0.1:4103  finish a session: POST http://127.0.0.1:4103/__sim/complete/<id> (no webhooks: the gateway sees it once its cached copy expires, by id within 30 s)',
    ]);
  });
});
