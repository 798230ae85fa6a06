import { createHash } from 'node:crypto';
import { HashMemo } from '../../../src/infra/hash-memo';

const sha256 = (text: string, encoding: 'hex' | 'base64url' = 'hex') => createHash('sha256').update(text).digest(encoding);

describe('HashMemo', () => {
  it('gives each text its SHA-256 in its encoding, the first time and when remembered', () => {
    const hex = new HashMemo('hex');
    const document = '{ interview(id: "x") { status } }';
    expect(hex.of(document)).toBe(sha256(document));
    expect(hex.of(`${document}`)).toBe(sha256(document));
    expect(hex.of('{ __typename }')).toBe(sha256('{ __typename }'));
    expect(hex.size()).toEqual({ texts: 2, bytes: document.length + '{ __typename }'.length + 2 * (64 + 96) });
    const base64url = new HashMemo('base64url');
    expect(base64url.of(document)).toBe(sha256(document, 'base64url'));
    expect(base64url.of(document)).toBe(sha256(document, 'base64url'));
  });

  it('holds at most its bound in bytes, however many distinct texts a client sends, tiny ones included', () => {
    const memo = new HashMemo('hex', 10_000);
    for (let i = 0; i < 5_000; i += 1) {
      const text = i % 2 === 0 ? `{ a${i}: __typename }` : String(i);
      expect(memo.of(text)).toBe(sha256(text));
      expect(memo.size().bytes).toBeLessThanOrEqual(10_000);
    }
    // Each entry counts its overhead: 10,000 bytes hold at most 10,000 / (64 + 96) one-character texts.
    expect(memo.size().texts).toBeGreaterThan(0);
    expect(memo.size().texts).toBeLessThanOrEqual(Math.floor(10_000 / (64 + 96)));
  });

  it('never remembers a text over 64 K characters (hashed each time)', () => {
    const memo = new HashMemo('hex');
    const long = `{ __typename ${' '.repeat(70_000)}}`;
    expect(memo.of(long)).toBe(sha256(long));
    expect(memo.size()).toEqual({ texts: 0, bytes: 0 });
  });
});
