/**
 * Every `src/vendors/<vendor>/` holds the same files, `<vendor>.<role>.ts`, plus `index.ts`:
 *
 * | role         | holds |
 * |--------------|-------|
 * | `client`     | the HTTP calls: paths, parameters, error bodies (over `kit/http`) |
 * | `raw`        | zod schemas of the vendor's JSON: answers, request bodies, webhook payloads |
 * | `ids`        | what the vendor's ids and the gateway's locators look like |
 * | `normalize`  | the pure mapping raw → domain; `scores`: the evaluation part of it (scorecard, integrity) |
 * | `reads`      | lists, batched gets, reports and the identity sync's discovery (`VendorReads`) |
 * | `writes`     | createTemplate / inviteCandidate: input checks, request bodies, the POSTs (`VendorWrites`) |
 * | `webhook`    | parseWebhook and locateReport (`VendorWebhook`); absent for a vendor without webhooks |
 * | `descriptor` | static facts: capabilities, options |
 * | `inputs`     | the GraphQL settings blocks of the mutations |
 * | `adapter`    | builds the client and puts reads, writes and webhook together as a VendorAdapter |
 */
import type { VendorAdapter } from './vendor-adapter';

/** The read side of an adapter. */
export type VendorReads = Pick<
  VendorAdapter,
  'listTemplates' | 'getTemplates' | 'listInterviews' | 'getInterviews' | 'getReportsForInterviews' | 'getReports' | 'discoverInterviews'
>;

/** The writes an adapter offers (each absent when its vendor cannot do it). */
export type VendorWrites = Pick<VendorAdapter, 'createTemplate' | 'inviteCandidate'>;

/** The inbound webhooks of an adapter. */
export type VendorWebhook = Pick<VendorAdapter, 'parseWebhook' | 'locateReport'>;

/** The operations of `T`, each taking the context it works with (client, settings) first. */
export type WithContext<C, T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends (...args: infer A) => infer R ? (context: C, ...args: A) => R : never;
};

/** Roles write operations as plain functions of (context, arguments), so each is testable on its own. */
export function bindRole<T extends object, C>(context: C, operations: WithContext<C, T>): T {
  const bound: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations) as Array<[string, (context: C, ...args: unknown[]) => unknown]>) {
    bound[name] = (...args: unknown[]) => operation(context, ...args);
  }
  return bound as T;
}
