import { hash } from 'node:crypto';

/** Texts longer than this are hashed every time (a dashboard's documents are a few KB). */
const MAX_TEXT_CHARS = 64 * 1024;
/** A remembered digest's Map entry and string headers, estimated (bytes). */
const ENTRY_OVERHEAD_BYTES = 96;

/**
 * SHA-256 digests of texts seen again and again, remembered: a response-cache hit hashes its
 * document and its key, the same few dozen texts all day, and looking a digest up costs a
 * fraction of computing it (each call into the hash binding costs about as much as a hit's own
 * lookup). Bounded in bytes (text, digest and an entry's overhead, estimated): past `maxBytes`
 * everything is forgotten at once, so a client sending ever new texts grows nothing and pays what
 * hashing always cost.
 */
export class HashMemo {
  private readonly digests = new Map<string, string>();
  private bytes = 0;

  constructor(
    private readonly encoding: 'hex' | 'base64url',
    private readonly maxBytes = 1024 * 1024,
  ) {}

  of(text: string): string {
    const known = this.digests.get(text);
    if (known !== undefined) return known;
    const digest = hash('sha256', text, this.encoding);
    if (text.length <= MAX_TEXT_CHARS) {
      const bytes = text.length + digest.length + ENTRY_OVERHEAD_BYTES;
      if (this.bytes + bytes > this.maxBytes) {
        this.digests.clear();
        this.bytes = 0;
      }
      this.digests.set(text, digest);
      this.bytes += bytes;
    }
    return digest;
  }

  /** Texts remembered, and the bytes counted for them. */
  size(): { texts: number; bytes: number } {
    return { texts: this.digests.size, bytes: this.bytes };
  }
}
