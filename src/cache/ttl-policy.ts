import type { CacheTtlConfig } from '../config/config';
import { type CandidateAccount, type Interview, InterviewStatus, type InterviewTemplate, type Report } from '../domain/model';

const FINISHED: ReadonlySet<InterviewStatus> = new Set([InterviewStatus.COMPLETED, InterviewStatus.CANCELLED, InterviewStatus.EXPIRED]);

const URL_EXPIRY_MARGIN_SECONDS = 60;

/**
 * In seconds, 0 = do not cache. "Nothing yet" lives short, so a report that becomes ready shows up
 * within `activeSeconds`; reports are capped by their signed URLs' earliest expiry.
 */
export class TtlPolicy {
  constructor(
    private readonly ttl: CacheTtlConfig,
    private readonly now: () => number = Date.now,
  ) {}

  interview(value: Interview | null): number {
    if (!value) return this.ttl.activeSeconds;
    return FINISHED.has(value.status) ? this.ttl.completedSeconds : this.ttl.activeSeconds;
  }

  report(value: Report | null): number {
    if (!value) return this.ttl.activeSeconds;
    return Math.min(this.ttl.completedSeconds, this.urlSeconds(value));
  }

  /** The TTL plus the stale-if-error window, never past a signed URL's expiry; 0 stays 0. */
  retention(value: unknown, ttlSeconds: number): number {
    if (ttlSeconds <= 0) return 0;
    return Math.max(ttlSeconds, Math.min(ttlSeconds + this.ttl.staleIfErrorSeconds, this.urlSeconds(value)));
  }

  private urlSeconds(value: unknown): number {
    const recordings = (value as { recordings?: unknown } | null)?.recordings;
    if (!Array.isArray(recordings)) return Number.POSITIVE_INFINITY;
    let left = Number.POSITIVE_INFINITY;
    for (const recording of recordings as Array<{ expiresAt?: string | null }>) {
      if (!recording?.expiresAt) continue;
      left = Math.min(left, Math.max(0, Math.floor((Date.parse(recording.expiresAt) - this.now()) / 1000) - URL_EXPIRY_MARGIN_SECONDS));
    }
    return left;
  }

  template(value: InterviewTemplate | null): number {
    return value ? this.ttl.templateSeconds : this.ttl.activeSeconds;
  }

  /** A vendor's candidate profile (name, email) changes about as rarely as a template: the same TTL. */
  candidate(value: CandidateAccount | null): number {
    return value ? this.ttl.templateSeconds : this.ttl.activeSeconds;
  }

  list(): number {
    return this.ttl.listSeconds;
  }
}
