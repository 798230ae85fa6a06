import BTree from 'sorted-btree';
import type { Provider } from '../domain/provider';
import { type InterviewSummary, sameSummary, type TemplateSummary } from '../domain/interview-summary';
import { FeedOrder, type FeedPosition, indexEntriesOf, parseSummaryId, summaryId, templateIndex, templateKey } from './feed-order';
import type { ReadModelStore, ScannedEntry } from './read-model-store';

/** Sort keys computed once per write, compared on every seek. */
interface Held<T extends { provider: Provider; locator: string }> {
  s: T;
  k: Array<string | null>;
}

/** Order slot of each index prefix (the backlog sorts by completion, as COMPLETED does). */
const SLOT: Record<string, number> = {
  [FeedOrder.UPDATED]: 0,
  [FeedOrder.COMPLETED]: 1,
  [FeedOrder.INVITED]: 2,
  [FeedOrder.REPORT_COMPLETED]: 3,
  [FeedOrder.SCORE]: 4,
  [FeedOrder.TEMPLATE_CREATED]: 0,
  backlog: 1,
};

function slotOf(index: string): number {
  const slot = SLOT[index.slice(0, index.indexOf(':'))];
  if (slot === undefined) throw new Error(`read model: no index "${index}"`);
  return slot;
}

/** No provider name is a prefix of another, so this equals comparing the ids. */
function comparator<T extends { provider: Provider; locator: string }>(slot: number) {
  return (a: Held<T>, b: Held<T>): number => {
    const ka = a.k[slot] as string;
    const kb = b.k[slot] as string;
    if (ka !== kb) return ka < kb ? -1 : 1;
    if (a.s.provider !== b.s.provider) return a.s.provider < b.s.provider ? -1 : 1;
    return a.s.locator < b.s.locator ? -1 : a.s.locator > b.s.locator ? 1 : 0;
  };
}

/** Indexes hold references, so an interview costs one object plus a pointer per index; repeated strings are interned. */
export class MemoryReadModelStore implements ReadModelStore {
  private readonly items = new Map<string, Held<InterviewSummary>>();
  private readonly trees = new Map<string, BTree<Held<InterviewSummary>, undefined>>();
  private readonly emails = new Map<string, Set<Held<InterviewSummary>>>();
  private readonly templates = new Map<string, Held<TemplateSummary>>();
  private readonly templateTrees = new Map<string, BTree<Held<TemplateSummary>, undefined>>();
  private readonly interned = new Map<string, string>();

  async upsert(summaries: readonly InterviewSummary[], merge: (previous: InterviewSummary | null, next: InterviewSummary) => InterviewSummary): Promise<void> {
    for (const next of summaries) {
      const id = summaryId(next);
      const old = this.items.get(id);
      const merged = merge(old?.s ?? null, next);
      if (old && sameSummary(old.s, merged)) continue;
      if (merged.templateLocator !== null) merged.templateLocator = this.intern(merged.templateLocator);
      const entries = indexEntriesOf(merged);
      const held: Held<InterviewSummary> = { s: merged, k: [null, null, null, null, null] };
      for (const { index, key } of entries) held.k[slotOf(index)] = key;
      if (old) this.unindex(old);
      this.items.set(id, held);
      for (const { index } of entries) this.tree(index).set(held, undefined);
      if (merged.email !== null) {
        let set = this.emails.get(merged.email);
        if (!set) {
          set = new Set();
          this.emails.set(merged.email, set);
        }
        set.add(held);
      }
    }
  }

  async upsertTemplates(templates: readonly TemplateSummary[]): Promise<void> {
    for (const template of templates) {
      const id = summaryId(template);
      const old = this.templates.get(id);
      if (old && old.s.createdAt === template.createdAt) continue;
      const index = templateIndex(template.provider);
      let tree = this.templateTrees.get(index);
      if (!tree) {
        tree = new BTree(undefined, comparator<TemplateSummary>(0));
        this.templateTrees.set(index, tree);
      }
      if (old) tree.delete(old);
      const held = { s: { ...template }, k: [templateKey(template)] };
      this.templates.set(id, held);
      tree.set(held, undefined);
    }
  }

  async scan(index: string, after: FeedPosition | null, limit: number): Promise<Array<ScannedEntry<InterviewSummary>>> {
    return readFrom(this.trees.get(index), slotOf(index), after, limit);
  }

  async scanTemplates(index: string, after: FeedPosition | null, limit: number): Promise<Array<ScannedEntry<TemplateSummary>>> {
    return readFrom(this.templateTrees.get(index), 0, after, limit);
  }

  async count(index: string): Promise<number> {
    return (this.trees.get(index) ?? this.templateTrees.get(index))?.size ?? 0;
  }

  async byEmail(email: string): Promise<InterviewSummary[]> {
    return [...(this.emails.get(email) ?? [])].map((held) => held.s);
  }

  async get(ids: readonly string[]): Promise<Array<InterviewSummary | null>> {
    return ids.map((id) => this.items.get(id)?.s ?? null);
  }

  async size(): Promise<number> {
    return this.items.size;
  }

  async close(): Promise<void> {}

  private unindex(old: Held<InterviewSummary>): void {
    for (const { index } of indexEntriesOf(old.s)) {
      const tree = this.trees.get(index);
      tree?.delete(old);
      if (tree?.size === 0) this.trees.delete(index);
    }
    if (old.s.email !== null) {
      const set = this.emails.get(old.s.email);
      set?.delete(old);
      if (set?.size === 0) this.emails.delete(old.s.email);
    }
  }

  private tree(index: string): BTree<Held<InterviewSummary>, undefined> {
    let tree = this.trees.get(index);
    if (!tree) {
      tree = new BTree(undefined, comparator<InterviewSummary>(slotOf(index)));
      this.trees.set(index, tree);
    }
    return tree;
  }

  private intern(value: string): string {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    this.interned.set(value, value);
    return value;
  }
}

function readFrom<T extends { provider: Provider; locator: string }>(
  tree: BTree<Held<T>, undefined> | undefined,
  slot: number,
  after: FeedPosition | null,
  limit: number,
): Array<ScannedEntry<T>> {
  if (!tree || limit <= 0) return [];
  const out: Array<ScannedEntry<T>> = [];
  let start: Held<T> | undefined;
  if (after) {
    const { provider, locator } = parseSummaryId(after.id);
    const k: Array<string | null> = [];
    k[slot] = after.key;
    start = { s: { provider, locator } as T, k };
  }
  const compare = comparator<T>(slot);
  for (const [held] of tree.entries(start)) {
    if (start && compare(held, start) <= 0) continue;
    out.push({ key: held.k[slot] as string, id: summaryId(held.s), value: held.s });
    if (out.length === limit) break;
  }
  return out;
}
