import { normaliseEmail } from '../domain/email';
import type { Provider } from '../domain/provider';
import type { TenantEvents } from '../events/event-bus';
import type { InterviewUpdatedPayload, ReportReadyPayload } from '../events/topics';
import type { IdentityIndex } from '../identity/identity-index';
import type { ReadModel } from '../readmodel/read-model';
import type { EntityStore, StoreChange } from '../store/entity-store';
import { withoutRaw } from '../store/entity-values';
import { collapseTags, tagsOfChange } from '../response-cache/response-tags';

export interface ChangeFollowers {
  identity: IdentityIndex;
  readModel: ReadModel;
  events: TenantEvents;
  /** The tenant's cached responses; null when the response cache is off. */
  responses?: { invalidate(tags: readonly string[]): Promise<void>; counted?: (tags: number) => void } | null;
}

export function listenForChanges(store: EntityStore, { identity, readModel, events, responses }: ChangeFollowers): void {
  // News (not what a read merely fetched): the cached responses that read what changed die before
  // the webhook's 2xx or the mutation's answer, here and (through Redis) on every replica.
  if (responses) {
    store.onChange(async (change) => {
      if (change.origin === 'read') return;
      const tags = collapseTags(tagsOfChange(change));
      if (tags.length === 0) return;
      await responses.invalidate(tags);
      responses.counted?.(tags.length);
    });
  }

  // The sync records its own pages. What a read fetched is learned here and never throws; news
  // (webhooks, mutations) is recorded, and a failure reaches the store, which throws it to a strict
  // writer: a webhook then applies its delivery again rather than leave the index without it.
  store.onChange(async ({ provider, origin, related }) => {
    if (origin === 'sync') return;
    if (origin === 'read') {
      await Promise.all([identity.remember(related.interviews ?? []), readModel.learn(provider, related)]);
      return;
    }
    const results = await Promise.allSettled([identity.add(related.interviews ?? []), readModel.record(provider, related)]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  });

  store.onChange(async (change) => {
    if (change.origin === 'write') {
      for (const interview of change.related.interviews ?? [])
        events.publish('INTERVIEW_UPDATED', { interview: withoutRaw(interview) } satisfies InterviewUpdatedPayload);
    }
    if (change.origin === 'webhook') {
      for (const locator of touchedInterviews(change)) await publishCurrent(store, events, change.provider, locator);
    }
  });
}

function touchedInterviews(change: StoreChange): Set<string> {
  return new Set([
    ...(change.related.interviews ?? []).map((i) => i.locator),
    ...(change.related.reports ?? []).map((r) => r.interviewLocator),
    ...change.invalidated,
  ]);
}

/** After a webhook, the merged copy with its payload as `raw`; after an invalidation, the vendor's fresh answer. */
async function publishCurrent(store: EntityStore, events: TenantEvents, provider: Provider, locator: string): Promise<void> {
  const [interview] = await store.load('interview', provider, [locator]);
  if (!interview || interview instanceof Error) return;
  events.publish('INTERVIEW_UPDATED', { interview } satisfies InterviewUpdatedPayload);
  const report = await store.latestReport(provider, locator);
  if (!report || report instanceof Error) return;
  events.publish('REPORT_READY', { provider, candidateEmail: normaliseEmail(interview.candidate.email), report } satisfies ReportReadyPayload);
}
