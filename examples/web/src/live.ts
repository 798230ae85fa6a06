/**
 * Live updates: the vendors' webhooks reach the page over graphql-ws as `interviewUpdated` and
 * `reportReady`; each event makes the page ask the gateway again (network-only), so what is shown
 * is always the gateway's answer, never a patched copy.
 */
import { useEffect, useState } from 'react';
import { useSubscription } from 'urql';
import { InterviewUpdatedSubscription, ReportReadySubscription } from './operations';
import { PROVIDER_NAMES } from './format';

export function useLiveUpdates(candidateEmail: string | undefined, refresh: () => void): string | null {
  const variables = { candidateEmail };
  const [updated] = useSubscription({ query: InterviewUpdatedSubscription, variables });
  const [report] = useSubscription({ query: ReportReadySubscription, variables });
  const [notice, setNotice] = useState<string | null>(null);

  const updatedId = updated.data?.interviewUpdated.id;
  const updatedStatus = updated.data?.interviewUpdated.status;
  const reportId = report.data?.reportReady.id;
  const reportProvider = report.data?.reportReady.provider;

  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh on each new event, keyed by what changed
  useEffect(() => {
    if (updatedId) refresh();
  }, [updatedId, updatedStatus]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh on each new report
  useEffect(() => {
    if (!reportId || !reportProvider) return;
    setNotice(`New report from ${PROVIDER_NAMES[reportProvider]}`);
    refresh();
  }, [reportId]);

  return notice;
}
