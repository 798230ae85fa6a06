/** What the identity index keeps of one interview. */
export interface IdentityRef {
  /** Interview locator at this provider. */
  locator: string;
  /** The email as the vendor shows it (the index normalises it); null when the vendor has none. */
  email: string | null;
  name: string | null;
  /** The vendor's candidate id, when it has one. */
  candidateProviderId: string | null;
  /**
   * When the interview was created (ISO-8601), else its earliest known activity
   * (`interviewSortTime`): the merged candidate view is ordered by it, newest first.
   */
  createdAt: string | null;
}
