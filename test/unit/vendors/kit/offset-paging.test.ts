import { planContinuation, planWindow, readWindow, shortPageIsLast } from '../../../../src/vendors/kit/offset-paging';

const MAX = 100;

/** A vendor list of `total` items served page/size, ending with a short page (the way micro1 does). */
function vendorList(total: number) {
  const calls: Array<[number, number]> = [];
  const fetchPage = async (page: number, size: number) => {
    calls.push([page, size]);
    const start = (page - 1) * size;
    return shortPageIsLast(
      Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i),
      size,
    );
  };
  return { calls, fetchPage };
}

describe('planWindow', () => {
  it('covers [offset, offset+count) with at most two pages of at most 100 (the max size)', () => {
    const problems: string[] = [];
    for (let count = 1; count <= 100; count += 1) {
      for (let offset = 0; offset <= 450; offset += 1) {
        const plan = planWindow(offset, count, MAX);
        if (plan.length > 2) problems.push(`${offset}/${count}: ${plan.length} pages`);
        const covered = new Set<number>();
        for (const { page, size } of plan) {
          if (size < count || size > 100) problems.push(`${offset}/${count}: size ${size}`);
          for (let i = (page - 1) * size; i < page * size; i += 1) covered.add(i);
        }
        for (let i = offset; i < offset + count; i += 1) {
          if (!covered.has(i)) problems.push(`${offset}/${count}: position ${i} not covered by ${JSON.stringify(plan)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('is exactly one page of `count` when the offset is aligned', () => {
    expect(planWindow(0, 50, MAX)).toEqual([{ page: 1, size: 50 }]);
    expect(planWindow(150, 50, MAX)).toEqual([{ page: 4, size: 50 }]);
    expect(planWindow(74, 37, MAX)).toEqual([{ page: 3, size: 37 }]);
  });

  it('uses one larger page for an unaligned offset when one fits, else two', () => {
    expect(planWindow(1, 2, MAX)).toEqual([{ page: 1, size: 3 }]);
    expect(planWindow(150, 100, MAX)).toEqual([
      { page: 2, size: 100 },
      { page: 3, size: 100 },
    ]);
  });
});

describe('planContinuation', () => {
  it('returns one page containing `from`, size within [minSize, 100]', () => {
    const problems: string[] = [];
    for (const minSize of [1, 10, 37, 100]) {
      for (let from = 0; from <= 500; from += 1) {
        const { page, size } = planContinuation(from, minSize, MAX);
        if (size < minSize || size > 100 || (page - 1) * size > from || page * size <= from) {
          problems.push(`${from}/${minSize}: page ${page} size ${size}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('readWindow', () => {
  it.each([0, 1, 9, 10, 11, 99, 100, 101, 250])('returns each position once with its offset (list of %i)', async (total) => {
    for (const count of [1, 7, 10, 100]) {
      for (let offset = 0; offset <= total + 2; offset += 3) {
        const { fetchPage } = vendorList(total);
        const window = await readWindow(fetchPage, offset, planWindow(offset, count, MAX));
        for (const { item, offset: at } of window.items) expect(item).toBe(at);
        const expectedFirst = Array.from({ length: Math.max(0, Math.min(count, total - offset)) }, (_, i) => offset + i);
        expect(window.items.slice(0, count).map((p) => p.item)).toEqual(expectedFirst);
        if (offset + count < total) expect(window.items.length).toBeGreaterThanOrEqual(count);
        // Exhausted only when nothing follows the last item; otherwise the window is full.
        if (window.exhausted) expect(window.items.at(-1)?.item ?? Math.max(total, offset) - 1).toBe(Math.max(total, offset) - 1);
        else expect(window.items.length).toBeGreaterThanOrEqual(count);
      }
    }
  });

  it('stops at a short page without asking for the next', async () => {
    const { calls, fetchPage } = vendorList(120);
    const window = await readWindow(fetchPage, 110, [
      { page: 2, size: 100 },
      { page: 3, size: 100 },
    ]);
    expect(window.exhausted).toBe(true);
    expect(calls).toEqual([[2, 100]]);
    expect(window.items.map((p) => p.offset)).toEqual([110, 111, 112, 113, 114, 115, 116, 117, 118, 119]);
  });

  it('is not exhausted after a full page', async () => {
    const { fetchPage } = vendorList(100);
    expect((await readWindow(fetchPage, 50, [{ page: 2, size: 50 }])).exhausted).toBe(false);
    expect((await readWindow(fetchPage, 100, [{ page: 3, size: 50 }])).exhausted).toBe(true);
  });
});
