import type { StoreRead } from '../store/entity-store';
import type { Related } from '../vendors/vendor-adapter';
import type { Provider } from '../domain/provider';
import { Tag, tagOfRead, tagsOfRelated } from './response-tags';

/**
 * What one response was built from, recorded while it executes: the tags of everything it read,
 * when the first of those stops being fresh, and whether something in it must never be cached.
 */
export class ResponseDependencies {
  readonly tags = new Set<string>();
  private freshUntil = Number.POSITIVE_INFINITY;
  private refusal: string | null = null;
  /** The operation's name as Apollo resolved it; set when the response is judged cacheable. */
  operationName: string | null = null;
  /** Set by the response verdict once Apollo has the response. */
  settled = false;

  /** `seq`: the tenant's invalidation sequence when the request started, before it read anything. */
  constructor(readonly seq: number) {}

  read(read: StoreRead): void {
    this.tags.add(tagOfRead(read));
    this.tags.add(Tag.provider(read.provider));
    if (read.freshUntil !== null && read.freshUntil < this.freshUntil) this.freshUntil = read.freshUntil;
  }

  learned(provider: Provider, related: Related): void {
    for (const tag of tagsOfRelated(provider, related)) this.tags.add(tag);
    this.tags.add(Tag.provider(provider));
  }

  /** Lists and people read past the loaders (feeds, identity lookups), as tags of `Tag`. */
  depend(...tags: string[]): void {
    for (const tag of tags) {
      this.tags.add(tag);
      if (tag.startsWith('e|')) this.tags.add(Tag.anyPerson);
      else if (tag.startsWith('li|') || tag.startsWith('lt|')) this.tags.add(Tag.provider(tag.slice(3)));
    }
  }

  /** The response must not be cached (`raw`, sync progress, errors …); the first reason is kept. */
  refuse(reason: string): void {
    this.refusal ??= reason;
  }

  get refused(): string | null {
    return this.refusal;
  }

  /** Whole seconds the response may be served from the cache: its contents' shortest freshness, at most `maxSeconds`. */
  ttlSeconds(now: number, maxSeconds: number): number {
    return Math.max(0, Math.min(maxSeconds, Math.floor((this.freshUntil - now) / 1000)));
  }
}
