/** Any string may be `${NAME}`, read from the environment, so the file can be committed without secrets. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseProvider, type Provider } from '../domain/provider';
import type { VendorDescriptor } from '../domain/vendor-descriptor';
import type { TenantConfig, VendorConfig } from './config.types';
import { clientKeyDigest, MIN_WEBHOOK_TOKEN_LENGTH, TENANT_ID_PATTERN } from './credentials';

const vendorEntry = z
  .object({
    apiKey: z.string().min(1),
    baseUrl: z.string().optional(),
    webhookToken: z.string().optional(),
    /** Per minute, for this tenant's plan; 0: none. */
    rateLimitPerMinute: z.number().int().min(0).max(10_000_000).optional(),
    options: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const fileSchema = z
  .object({
    tenants: z
      .array(
        z
          .object({
            id: z.string().regex(TENANT_ID_PATTERN, 'must be 1–64 letters, digits, _ or -'),
            apiKeys: z.array(z.string()).default([]),
            adminApiKeys: z.array(z.string()).default([]),
            vendors: z.record(z.string(), vendorEntry).default({}),
          })
          .strict(),
      )
      .min(1, 'must list at least one tenant'),
  })
  .strict();

/** From the `<SLUG>_BASE_URL` / `<SLUG>_<OPTION>` variables. */
export interface VendorDefaults {
  baseUrl: string;
  options: Record<string, string>;
}

/** Problems name the tenant and field, never a secret; tenants are returned only when there were none. */
export function readTenantsFile(
  path: string,
  env: NodeJS.ProcessEnv,
  descriptors: readonly VendorDescriptor[],
  defaults: Partial<Record<Provider, VendorDefaults>>,
  problems: string[],
): TenantConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof SyntaxError ? `not valid JSON (${error.message})` : String(error);
    problems.push(`TENANTS_FILE: cannot read ${JSON.stringify(path)}: ${reason}`);
    return [];
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`TENANTS_FILE ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return [];
  }

  const before = problems.length;
  const tenants: TenantConfig[] = [];
  const keyOwners = new Map<string, string>();
  const tokenOwners = new Map<string, string>();
  for (const [t, entry] of parsed.data.tenants.entries()) {
    const where = `TENANTS_FILE tenants.${t} (${entry.id})`;
    const value = (text: string, field: string): string | null => interpolate(text, env, `${where} ${field}`, problems);
    if (tenants.some((other) => other.id === entry.id)) problems.push(`${where}: the id is used by an earlier tenant`);

    const digests = (field: 'apiKeys' | 'adminApiKeys'): string[] =>
      entry[field].flatMap((key, k) => {
        const text = value(key, `${field}.${k}`);
        if (text === null) return [];
        const digest = clientKeyDigest(text);
        if (digest === null) {
          problems.push(`${where} ${field}.${k}: must be at least 16 characters without spaces or commas, or sha256:<64 hex digits>`);
          return [];
        }
        const owner = keyOwners.get(digest);
        if (owner !== undefined) problems.push(`${where} ${field}.${k}: the same key is listed for tenant ${owner}`);
        keyOwners.set(digest, entry.id);
        return [digest];
      });
    const adminKeyDigests = digests('adminApiKeys');
    // An admin key is a client key too: it reads the graph like any other.
    const clientKeyDigests = [...digests('apiKeys'), ...adminKeyDigests];

    const vendors: Partial<Record<Provider, VendorConfig>> = {};
    const webhookTokens: Partial<Record<Provider, string>> = {};
    for (const [name, vendor] of Object.entries(entry.vendors)) {
      const field = `vendors.${name}`;
      const provider = parseProvider(name);
      const descriptor = descriptors.find((d) => d.provider === provider);
      if (!provider || !descriptor) {
        problems.push(`${where} ${field}: unknown vendor (known: ${descriptors.map((d) => d.provider.toLowerCase()).join(', ')})`);
        continue;
      }
      const apiKey = value(vendor.apiKey, `${field}.apiKey`);
      const baseUrl = vendor.baseUrl === undefined ? (defaults[provider]?.baseUrl ?? descriptor.defaultBaseUrl) : value(vendor.baseUrl, `${field}.baseUrl`);
      if (baseUrl !== null && !/^https?:\/\/[^/]/.test(baseUrl)) problems.push(`${where} ${field}.baseUrl: must be an http(s) URL`);
      const options: Record<string, string> = { ...defaults[provider]?.options };
      for (const [option, text] of Object.entries(vendor.options ?? {})) {
        if (!(descriptor.options ?? []).some((o) => o.name === option)) {
          problems.push(
            `${where} ${field}.options.${option}: not an option of ${provider} (known: ${(descriptor.options ?? []).map((o) => o.name).join(', ') || 'none'})`,
          );
          continue;
        }
        const resolved = value(text, `${field}.options.${option}`);
        if (resolved !== null) options[option] = resolved;
      }
      if (vendor.webhookToken !== undefined) {
        const token = value(vendor.webhookToken, `${field}.webhookToken`);
        if (token !== null && !descriptor.capabilities.webhooks) problems.push(`${where} ${field}.webhookToken: ${provider} sends no webhooks`);
        else if (token !== null && (token.length < MIN_WEBHOOK_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token))) {
          problems.push(`${where} ${field}.webhookToken: must be at least ${MIN_WEBHOOK_TOKEN_LENGTH} letters, digits, _ or -`);
        } else if (token !== null) {
          // The token picks the tenant a delivery belongs to, so it must be unique per vendor.
          const owner = tokenOwners.get(`${provider}:${token}`);
          if (owner !== undefined) problems.push(`${where} ${field}.webhookToken: the same token is used by tenant ${owner}`);
          tokenOwners.set(`${provider}:${token}`, entry.id);
          webhookTokens[provider] = token;
        }
      }
      if (apiKey === null || baseUrl === null) continue;
      vendors[provider] = {
        apiKey,
        baseUrl,
        options,
        ...(vendor.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: vendor.rateLimitPerMinute || null }),
      };
    }
    tenants.push({ id: entry.id, vendors, webhookTokens, clientKeyDigests, adminKeyDigests });
  }
  return problems.length > before ? [] : tenants;
}

/** A missing or blank variable is a problem, never an empty secret. */
function interpolate(text: string, env: NodeJS.ProcessEnv, where: string, problems: string[]): string | null {
  let missing: string | null = null;
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
    const found = env[name]?.trim();
    if (!found) missing ??= name;
    return found ?? '';
  });
  if (missing !== null) {
    problems.push(`${where}: environment variable ${missing} is not set`);
    return null;
  }
  return out.trim();
}
