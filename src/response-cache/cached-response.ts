/** One cached response, as the memory and Redis layers keep it. */
export interface CachedResponse {
  body: string;
  contentType: string;
  /** Strong: a digest of `body`. */
  etag: string;
  operationName: string | null;
  /** Epoch ms. */
  expiresAt: number;
  tags: readonly string[];
  /** The tenant's invalidation sequence when the request that built it started. */
  seq: number;
}

/** A layer replicas share (Redis). */
export interface SharedResponses {
  get(key: string): Promise<CachedResponse | undefined>;
  /** Never fails the request: a failed write is logged. */
  put(key: string, entry: CachedResponse): Promise<void>;
}
