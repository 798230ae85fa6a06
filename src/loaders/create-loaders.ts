/** Fresh per request: a shared memo would cross users. What outlives the request is the entity store's. */
import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import { normaliseEmail } from '../domain/email';
import type { CandidateAccount, Interview, InterviewTemplate, Report } from '../domain/model';
import type { Provider } from '../domain/provider';
import { ErrorCode } from '../errors/error-code';
import { GatewayError } from '../errors/gateway.error';
import type { IdentityIndex } from '../identity/identity-index';
import type { IndexedRef } from '../identity/identity-index';
import { type EntityRef, entityRef, type KindRef, kindRefKey, refKey } from '../store/entity-ref';
import type { EntityStore, ReadScope, StaleServed, StoredKind, StoredKinds } from '../store/entity-store';
import type { ResponseDependencies } from '../response-cache/response-dependencies';
import { Tag } from '../response-cache/response-tags';
import type { InterviewListArgs, ListArgs, ListResult } from '../vendors/vendor-adapter';

export type { StaleServed } from '../store/entity-store';

export interface LoaderDeps {
  store: EntityStore;
  /** What the request's response is built from (the response cache's tags); none outside a request. */
  dependencies?: ResponseDependencies;
  logger: Logger;
  index?: IdentityIndex;
  /** No batching, no memo: the benchmark's naive peer only. */
  unbatched?: boolean;
}

export interface Loaders {
  interviewByLocator: DataLoader<EntityRef, Interview | null, string>;
  templateByLocator: DataLoader<EntityRef, InterviewTemplate | null, string>;
  reportByLocator: DataLoader<EntityRef, Report | null, string>;
  reportLocatorByInterview: DataLoader<EntityRef, string | null, string>;
  /** By the vendor's candidate id; for interviews that name their candidate by id only. */
  candidateByProviderId: DataLoader<EntityRef, CandidateAccount | null, string>;
  /** Never cached. */
  rawByEntity: DataLoader<KindRef, unknown, string>;
  /** Any spelling of the email. */
  refsByEmail: DataLoader<string, IndexedRef[]>;
  staleServed(): StaleServed[];
  reportForInterview(provider: Provider, interviewLocator: string): Promise<Report | null>;
  /** The interview's candidate account; a `deferred` one is looked up (batched, cached) only here. */
  candidateOf(interview: Interview): Promise<CandidateAccount>;
  listInterviews(provider: Provider, args: InterviewListArgs): Promise<ListResult<Interview>>;
  listTemplates(provider: Provider, args: ListArgs): Promise<ListResult<InterviewTemplate>>;
}

export function createLoaders(deps: LoaderDeps): Loaders {
  const { store, logger, index, dependencies } = deps;
  const stale: StaleServed[] = [];
  const options = { cacheKeyFn: refKey, ...(deps.unbatched ? { batch: false, cache: false } : {}) };

  const scope: ReadScope = {
    staleServed: (served) => void stale.push(served),
    read: dependencies ? (read) => dependencies.read(read) : undefined,
    learned: (provider, related) => {
      dependencies?.learned(provider, related);
      for (const interview of related.interviews ?? []) loaders.interviewByLocator.prime(entityRef(provider, interview.locator), interview);
      for (const template of related.templates ?? []) loaders.templateByLocator.prime(entityRef(provider, template.locator), template);
      for (const { interviewLocator, report } of related.reports ?? []) {
        loaders.reportLocatorByInterview.prime(entityRef(provider, interviewLocator), report ? report.locator : null);
        if (report) loaders.reportByLocator.prime(entityRef(provider, report.locator), report);
      }
    },
  };

  const batchOf =
    <K extends StoredKind>(kind: K) =>
    (refs: readonly EntityRef[]): Promise<Array<StoredKinds[K] | null | Error>> =>
      perGroup(
        refs,
        (ref) => ref.provider,
        (first, locators) => store.load(kind, first.provider, locators, scope),
      );

  const loaders: Loaders = {
    interviewByLocator: new DataLoader(batchOf('interview'), options),
    templateByLocator: new DataLoader(batchOf('template'), options),
    reportByLocator: new DataLoader(batchOf('report'), options),
    reportLocatorByInterview: new DataLoader(batchOf('reportPointer'), options),
    candidateByProviderId: new DataLoader(batchOf('candidate'), options),
    rawByEntity: new DataLoader(
      (refs: readonly KindRef[]) =>
        perGroup(
          refs,
          (ref) => `${ref.kind}|${ref.provider}`,
          (first, locators) => store.raw(first.kind, first.provider, locators),
        ),
      { cacheKeyFn: kindRefKey },
    ),
    staleServed: () => [...stale],
    refsByEmail: new DataLoader(async (emails: readonly string[]) => {
      for (const email of emails) {
        const key = normaliseEmail(email);
        if (key) dependencies?.depend(Tag.person(key));
      }
      if (!index) return emails.map(() => []);
      try {
        return await index.refsFor(emails);
      } catch (error) {
        logger.warn({ err: error }, 'identity index unavailable');
        const unavailable = new GatewayError(ErrorCode.INDEX_UNAVAILABLE, 'The identity index is unavailable; try again shortly.');
        return emails.map(() => unavailable);
      }
    }),

    async reportForInterview(provider, interviewLocator) {
      const reportLocator = await loaders.reportLocatorByInterview.load(entityRef(provider, interviewLocator));
      return reportLocator === null ? null : loaders.reportByLocator.load(entityRef(provider, reportLocator));
    },
    async candidateOf(interview) {
      const account = interview.candidate;
      if (!account.deferred || account.email !== null || account.providerId === null) return account;
      const found = await loaders.candidateByProviderId.load(entityRef(interview.provider, account.providerId));
      return { ...account, name: found?.name ?? null, email: found?.email ?? null, deferred: false };
    },
    listInterviews: (provider, args) => store.listInterviews(provider, args, scope),
    listTemplates: (provider, args) => store.listTemplates(provider, args, scope),
  };
  return loaders;
}

/** One call per group of refs (`groupOf`), each with its refs' locators; results in the order of the refs. */
async function perGroup<R extends EntityRef, V>(
  refs: readonly R[],
  groupOf: (ref: R) => string,
  fetch: (first: R, locators: string[]) => Promise<V[]>,
): Promise<V[]> {
  const groups = new Map<string, number[]>();
  refs.forEach((ref, i) => {
    const key = groupOf(ref);
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  const results = new Array<V>(refs.length);
  await Promise.all(
    [...groups.values()].map(async (indices) => {
      const values = await fetch(
        refs[indices[0]],
        indices.map((i) => refs[i].locator),
      );
      indices.forEach((i, k) => {
        results[i] = values[k];
      });
    }),
  );
  return results;
}
