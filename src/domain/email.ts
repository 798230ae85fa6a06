/** The key a person is known by across vendors: trimmed, lower-case email; null when absent/blank. */
export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}
