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
    expect(hex.size()).toEqual({ texts: 2, chars: document.length + '{ __typename }'.length });
    const base64url = new HashMemo('base64url');
    expect(base64url.of(document)).toBe(sha256(document, 'base64url'));
    expect(base64url.of(document)).toBe(sha256(document, 'base64url'));
  });

  it('holds at most its bound in characters, however many distinct texts a client sends', () => {
    const memo = new HashMemo('hex', 10_000);
    for (let i = 0; i < 5_000; i += 1) {
      const text = `{ a${i}: __typename }`;
      expect(memo.of(text)).toBe(sha256(text));
      expect(memo.size().chars).toBeLessThanOrEqual(10_000);
    }
    expect(memo.size().texts).toBeGreaterThan(0);
  });

  it('never remembers a text over 64 K characters (hashed each time)', () => {
    const memo = new HashMemo('hex');
    const long = `{ __typename ${' '.repeat(70_000)}}`;
    expect(memo.of(long)).toBe(sha256(long));
    expect(memo.size()).toEqual({ texts: 0, chars: 0 });
  });
});
