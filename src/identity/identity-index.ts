import type { Logger } from 'pino';
import { normaliseEmail } from '../domain/email';
import type { Interview } from '../domain/model';
import type { Provider } from '../domain/provider';
import type { IdentityRef } from '../vendors/vendor-adapter';
import type { IdentityStore, IndexedRef } from './identity-store';
import { identityRefOf } from '../vendors/kit/identity-ref';

// Re-exported so the GraphQL layer never imports the store module.
export type { IndexedRef } from './identity-store';
export { refField } from './identity-store';

/** Normalises emails so one person is one key across vendors. */
export class IdentityIndex {
  constructor(
    readonly store: IdentityStore,
    private readonly logger: Logger,
  ) {}

  /** Refs without an email cannot be keyed and are skipped. */
  async record(provider: Provider, refs: readonly IdentityRef[]): Promise<number> {
    const entries = refs.flatMap((ref) => {
      const emailKey = normaliseEmail(ref.email);
      return emailKey ? [{ emailKey, ref: { provider, ...ref } }] : [];
    });
    await this.store.add(entries);
    return entries.length;
  }

  /** Never fails: a failed write is logged and caught up by the next sync. */
  async remember(interviews: readonly Interview[]): Promise<void> {
    await this.add(interviews).catch((error: unknown) =>
      this.logger.warn({ err: error, interviews: interviews.length }, 'identity index: could not record interviews'),
    );
  }

  /** Like `remember`, but a failed write throws. */
  async add(interviews: readonly Interview[]): Promise<void> {
    if (interviews.length === 0) return;
    const entries = interviews.flatMap((interview) => {
      const emailKey = normaliseEmail(interview.candidate.email);
      return emailKey ? [{ emailKey, ref: { provider: interview.provider, ...identityRefOf(interview) } }] : [];
    });
    await this.store.add(entries);
  }

  /** Refs of each email (any spelling); `result[i]` answers `emails[i]`. */
  async refsFor(emails: readonly string[]): Promise<IndexedRef[][]> {
    const keys = emails.map((e) => normaliseEmail(e));
    const known = keys.filter((k): k is string => k !== null);
    const found = await this.store.refsFor(known);
    const byKey = new Map(known.map((k, i) => [k, found[i]]));
    return keys.map((k) => (k ? (byKey.get(k) ?? []) : []));
  }
}
