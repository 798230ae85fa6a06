import { SANDBOX_API_KEY } from '../../src/sandbox/start-sandbox';
import type { Harness } from './harness';

/** Nothing the vendor or its address said may show in a response body. */
export function expectNoLeak(body: string, h: Pick<Harness, 'sandbox'>): void {
  for (const simulator of h.sandbox.simulators.values()) expect(body).not.toContain(simulator.url);
  expect(body).not.toContain('127.0.0.1');
  expect(body).not.toContain(SANDBOX_API_KEY);
  expect(body).not.toMatch(/Service temporarily unavailable|Too many requests|Invalid or missing API key|rate_limit_error|stack/i);
}
