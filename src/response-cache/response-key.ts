import { hash } from 'node:crypto';

/**
 * Everything a response may vary with. Two requests share a cached response only when every part
 * is equal: the deployment (schema and version), the tenant, the caller's authorization scope,
 * the content type negotiated, the operation text (or its APQ hash, which is its SHA-256), the
 * operation name and the variables.
 */
export interface ResponseKeyParts {
  deployment: string;
  tenantId: string;
  /** `Principal.scope`: who may see what this response shows. */
  scope: string;
  accept: string;
  /** SHA-256 (hex) of the document text. */
  documentHash: string;
  operationName: string | null;
  variables: unknown;
}

/** `digest`: the material's SHA-256 in base64url (a memo of it on the hit path). */
export function responseKey(parts: ResponseKeyParts, digest: (material: string) => string = sha256Base64url): string {
  const material = [
    parts.deployment,
    parts.tenantId,
    parts.scope,
    parts.accept,
    parts.documentHash,
    parts.operationName ?? '',
    canonicalJson(parts.variables ?? {}),
  ].join('\u0000');
  return `${parts.tenantId}:${digest(material)}`;
}

function sha256Base64url(material: string): string {
  return hash('sha256', material, 'base64url');
}

/** Key order does not matter; `null` and absent stay different (a GraphQL argument's default applies only when absent). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}
