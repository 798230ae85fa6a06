import type { CacheTtlConfig } from '../config/config';
import { type Interview, InterviewStatus, type InterviewTemplate, type Report } from '../domain/model';

const FINISHED: ReadonlySet<InterviewStatus> = new Set([InterviewStatus.COMPLETED, InterviewStatus.CANCELLED, InterviewStatus.EXPIRED]);

/** Never keep an object whose signed URLs expire within this margin of the cache expiry. */
const URL_EXPIRY_MARGIN_SECONDS = 60;

/**
 * How long each state may be cached, in seconds (0 = do not cache). Finished interviews and
 * reports live long; anything still moving lives short; "nothing yet" (null) lives short, so a
 * report that becomes ready shows up within `activeSeconds`. Errors are never cached (callers do
 * not ask). Reports are capped by the earliest expiry of their signed recording URLs.
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
    let ttl = this.ttl.completedSeconds;
    for (const recording of value.recordings) {
      if (!recording.expiresAt) continue;
      const left = Math.floor((Date.parse(recording.expiresAt) - this.now()) / 1000) - URL_EXPIRY_MARGIN_SECONDS;
      ttl = Math.min(ttl, Math.max(0, left));
    }
    return ttl;
  }

  template(value: InterviewTemplate | null): number {
    return value ? this.ttl.templateSeconds : this.ttl.activeSeconds;
  }

  list(): number {
    return this.ttl.listSeconds;
  }
}
