/**
 * What a cached response depends on, as tags: every entity it read (by provider and vendor
 * locator) and every list it read (by provider). A change to any of them kills the response.
 * Tags never name a tenant: each tenant has its own ledger.
 */
import { normaliseEmail } from '../domain/email';
import type { Provider } from '../domain/provider';
import type { StoreChange, StoreRead, StoredKind } from '../store/entity-store';
import type { Related } from '../vendors/vendor-adapter';

const SEP = '|';

export const Tag = {
  interview: (provider: Provider, locator: string) => `i${SEP}${provider}${SEP}${locator}`,
  /** Which report is the interview's latest (a new report moves it). */
  reportOf: (provider: Provider, interviewLocator: string) => `ri${SEP}${provider}${SEP}${interviewLocator}`,
  report: (provider: Provider, locator: string) => `r${SEP}${provider}${SEP}${locator}`,
  template: (provider: Provider, locator: string) => `t${SEP}${provider}${SEP}${locator}`,
  /** A vendor's candidate profile, by the vendor's candidate id (read when an interview names only that). */
  candidate: (provider: Provider, candidateId: string) => `c${SEP}${provider}${SEP}${candidateId}`,
  /** Membership and order of the provider's interview and report lists, feeds and candidate lists. */
  interviews: (provider: Provider) => `li${SEP}${provider}`,
  templates: (provider: Provider) => `lt${SEP}${provider}`,
  /** A person's interviews across vendors, by normalised email. */
  person: (emailKey: string) => `e${SEP}${emailKey}`,
  /** Anything read from the provider (what a large invalidation collapses to). */
  provider: (provider: Provider) => `p${SEP}${provider}`,
  /** Any person looked up by email. */
  anyPerson: `e${SEP}*`,
};

/** Past this many tags, an invalidation names providers instead (a sync page of a whole-list pass). */
export const MAX_TAGS_PER_INVALIDATION = 256;

/**
 * Every response carries a provider tag for each provider it read, and `anyPerson` if it looked
 * up a person: so a large invalidation can be logged as those few tags (bounded log entries),
 * dropping more than it must but never less.
 */
export function collapseTags(tags: readonly string[]): readonly string[] {
  if (tags.length <= MAX_TAGS_PER_INVALIDATION) return tags;
  const collapsed = new Set<string>();
  for (const tag of tags) {
    const object = objectOfTag(tag);
    if (object) collapsed.add(Tag.provider(object.provider));
    else if (tag.startsWith(`e${SEP}`)) collapsed.add(Tag.anyPerson);
    else collapsed.add(tag);
  }
  return [...collapsed];
}

const KIND_OF_PREFIX: Record<string, StoredKind> = { i: 'interview', ri: 'reportPointer', r: 'report', t: 'template', c: 'candidate' };

/** The stored object a tag names; null for list and person tags. */
export function objectOfTag(tag: string): { kind: StoredKind; provider: Provider; locator: string } | null {
  const first = tag.indexOf(SEP);
  const second = tag.indexOf(SEP, first + 1);
  const kind = KIND_OF_PREFIX[tag.slice(0, first)];
  if (!kind || second < 0) return null;
  return { kind, provider: tag.slice(first + 1, second), locator: tag.slice(second + 1) };
}

/** The tag of one read the entity store served. */
export function tagOfRead(read: StoreRead): string {
  switch (read.kind) {
    case 'interview':
      return Tag.interview(read.provider, read.key);
    case 'template':
      return Tag.template(read.provider, read.key);
    case 'candidate':
      return Tag.candidate(read.provider, read.key);
    case 'report':
      return Tag.report(read.provider, read.key);
    case 'reportPointer':
      return Tag.reportOf(read.provider, read.key);
    case 'interviewList':
      return Tag.interviews(read.provider);
    case 'templateList':
      return Tag.templates(read.provider);
  }
}

/** Tags of the objects in `related` (learned on the way: list nodes, a page's other reports). */
export function tagsOfRelated(provider: Provider, related: Related): string[] {
  const tags: string[] = [];
  for (const interview of related.interviews ?? []) tags.push(Tag.interview(provider, interview.locator));
  for (const template of related.templates ?? []) tags.push(Tag.template(provider, template.locator));
  for (const { interviewLocator, report } of related.reports ?? []) {
    tags.push(Tag.reportOf(provider, interviewLocator));
    if (report) tags.push(Tag.report(provider, report.locator));
  }
  return tags;
}

/**
 * What a change with news (a webhook, a mutation, a refresh, a sync page) invalidates: the objects
 * it names, the lists they may have joined, left or moved in, and their people.
 */
export function tagsOfChange(change: StoreChange): string[] {
  const { provider, related } = change;
  const tags = new Set<string>(tagsOfRelated(provider, related));
  const person = (email: string | null | undefined) => {
    const key = normaliseEmail(email);
    if (key) tags.add(Tag.person(key));
  };
  if ((related.interviews?.length ?? 0) > 0 || (related.reports?.length ?? 0) > 0) tags.add(Tag.interviews(provider));
  if ((related.templates?.length ?? 0) > 0) tags.add(Tag.templates(provider));
  for (const interview of related.interviews ?? []) person(interview.candidate.email);
  for (const locator of change.invalidated) {
    tags.add(Tag.interview(provider, locator));
    tags.add(Tag.reportOf(provider, locator));
    tags.add(Tag.interviews(provider));
  }
  for (const ref of change.refs ?? []) {
    tags.add(Tag.interview(provider, ref.locator));
    tags.add(Tag.reportOf(provider, ref.locator));
    tags.add(Tag.interviews(provider));
    person(ref.email);
  }
  return [...tags];
}
