import { ErrorCode } from '../../../../src/errors/error-code';
import { isEvalyoId } from '../../../../src/vendors/evalyo/evalyo.ids';
import { decodeDiscoveryResume, decodeEvalyoCursor, encodeDiscoveryResume, encodeEvalyoCursor, isLastPage } from '../../../../src/vendors/evalyo/evalyo.reads';
import { planWindow, readWindow } from '../../../../src/vendors/kit/offset-paging';

/** A vendor list of `total` items served page/pageSize the way Evalyo does (with or without a total). */
function vendorList(total: number, withTotal = true) {
  const calls: Array<[number, number]> = [];
  const fetchPage = async (page: number, pageSize: number) => {
    calls.push([page, pageSize]);
    const start = (page - 1) * pageSize;
    const data = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => start + i);
    const body = withTotal ? { data, pagination: { page, pageSize, total, totalPages: Math.ceil(total / pageSize) } } : { data };
    // What the adapter hands to readWindow: the end comes from the envelope's total or a short page.
    return { items: body.data, last: isLastPage(body, page, pageSize) };
  };
  return { calls, fetchPage };
}

describe('reading Evalyo pages (isLastPage)', () => {
  it('knows the end from the total: no extra call after a full last page', async () => {
    const list = vendorList(40);
    const window = await readWindow(list.fetchPage, 20, planWindow(20, 20, 100));
    expect(window.items.map((i) => i.offset)).toEqual(Array.from({ length: 20 }, (_, i) => 20 + i));
    expect(window.exhausted).toBe(true);
    expect(list.calls).toEqual([[2, 20]]);
  });

  it('without a total, a full page is not the end; a short one is', async () => {
    const list = vendorList(40, false);
    expect((await readWindow(list.fetchPage, 20, planWindow(20, 20, 100))).exhausted).toBe(false);
    expect((await readWindow(list.fetchPage, 30, planWindow(30, 20, 100))).exhausted).toBe(true);
  });

  it('stops after the first planned page when it is the last', async () => {
    const list = vendorList(105);
    const window = await readWindow(list.fetchPage, 50, planWindow(50, 100, 100));
    expect(list.calls).toEqual([
      [1, 100],
      [2, 100],
    ]);
    expect(window.items).toHaveLength(55);
    expect(window.exhausted).toBe(true);
    expect(isLastPage({ data: [1], pagination: { total: 1 } }, 1, 1)).toBe(true);
    expect(isLastPage({ data: [1], pagination: { total: 2 } }, 1, 1)).toBe(false);
    expect(isLastPage({ data: [], pagination: { total: 2 } }, 9, 1)).toBe(true);
  });
});

describe('cursors and resume tokens', () => {
  it('round-trips list cursors; the second list of a filter is prefixed', () => {
    expect(encodeEvalyoCursor(0, 17)).toBe('17');
    expect(encodeEvalyoCursor(1, 3)).toBe('1:3');
    expect(decodeEvalyoCursor(null, 1)).toEqual({ list: 0, start: 0 });
    expect(decodeEvalyoCursor('17', 1)).toEqual({ list: 0, start: 18 });
    expect(decodeEvalyoCursor('1:3', 2)).toEqual({ list: 1, start: 4 });
  });

  it.each(['', 'abc', '-1', '1.5', '1:3', '0:3', '2:1', '1234567890', ' 4'])('rejects %j as BAD_USER_INPUT', (cursor) => {
    expect(() => decodeEvalyoCursor(cursor, cursor === '2:1' ? 2 : 1)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
  });

  it('round-trips discovery resume tokens and rejects foreign ones', () => {
    const at = Date.parse('2026-05-31T10:00:00.000Z');
    expect(encodeDiscoveryResume(2, at)).toBe('2@2026-05-31T10:00:00.000Z');
    expect(decodeDiscoveryResume('2@2026-05-31T10:00:00.000Z')).toEqual({ page: 2, newest: at });
    expect(decodeDiscoveryResume(encodeDiscoveryResume(3, null))).toEqual({ page: 3, newest: null });
    expect(decodeDiscoveryResume(null)).toEqual({ page: 1, newest: null });
    for (const bad of ['0', 'x', '2@yesterday', '@2026-05-31T10:00:00.000Z', '-1']) {
      expect(() => decodeDiscoveryResume(bad)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
    }
  });

  it('accepts only id-shaped locators', () => {
    expect(['cm8x2k4qv0001lb08h3f6d2ya', 'job_1', 'a-b', '7'].every(isEvalyoId)).toBe(true);
    expect(['', '..', 'a/b', 'a b', '%2e', '-x', 'x'.repeat(129), 'é'].some(isEvalyoId)).toBe(false);
  });
});
