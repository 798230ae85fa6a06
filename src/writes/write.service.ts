import type { Logger } from 'pino';
import type { NewInvitation, NewTemplate } from '../domain/commands';
import type { Interview, InterviewTemplate } from '../domain/model';
import type { Provider } from '../domain/provider';
import { BadUserInputError } from '../errors/bad-user-input.error';
import type { EntityStore } from '../store/entity-store';
import { withoutRaw } from '../store/entity-values';
import type { VendorRegistry } from '../vendors/vendor-registry';
import type { Idempotency, Outcome } from './idempotency';

export interface WriteServiceDeps {
  registry: VendorRegistry;
  idempotency: Idempotency;
  store: EntityStore;
  logger: Logger;
}

/** Retries with the same idempotency key get the stored answer and repeat none of the side effects. */
export class WriteService {
  constructor(private readonly deps: WriteServiceDeps) {}

  async createTemplate(provider: Provider, input: NewTemplate, idempotencyKey: string | null): Promise<Outcome<InterviewTemplate>> {
    const adapter = this.deps.registry.get(provider);
    const create = adapter.createTemplate?.bind(adapter);
    if (!create) throw unsupported(provider, 'create interview templates');
    return this.deps.idempotency.run(
      'createInterviewTemplate',
      idempotencyKey,
      { provider, input },
      async () => {
        const template = await create(input);
        await this.deps.store.write(provider, { templates: [template] }, { origin: 'write' });
        return template;
      },
      withoutRaw,
    );
  }

  async inviteCandidate(provider: Provider, input: NewInvitation, idempotencyKey: string | null): Promise<Outcome<Interview>> {
    const adapter = this.deps.registry.get(provider);
    const invite = adapter.inviteCandidate?.bind(adapter);
    if (!invite) throw unsupported(provider, 'invite candidates');
    return this.deps.idempotency.run(
      'inviteCandidate',
      idempotencyKey,
      { provider, input },
      async () => {
        const interview = await invite(input);
        // Cached, indexed and published before the answer, so the client's next query sees it.
        await this.deps.store.write(provider, { interviews: [interview] }, { origin: 'write' });
        return interview;
      },
      withoutRaw,
    );
  }
}

function unsupported(provider: Provider, what: string): BadUserInputError {
  return new BadUserInputError(`${provider} cannot ${what} through its API (see providers { capabilities }).`, { field: 'input', provider });
}
