/** The pipeline: every vendor's interviews in one feed, most recently updated first. */
import { useCallback, useState } from 'react';
import { useQuery } from 'urql';
import { RecommendationBadge, StatusBadge, VendorBadge } from './badges';
import { candidateHref, formatDate, formatScore, PROVIDER_NAMES, STATUS_NAMES } from './format';
import type { InterviewStatus, Provider } from './gql/graphql';
import { useLiveUpdates } from './live';
import { PipelineFeedQuery } from './operations';

const PAGE_SIZE = 25;

export function FeedPage() {
  const [after, setAfter] = useState<string | null>(null);
  const [provider, setProvider] = useState<Provider | null>(null);
  const [status, setStatus] = useState<InterviewStatus | null>(null);
  const [result, reexecute] = useQuery({
    query: PipelineFeedQuery,
    variables: { first: PAGE_SIZE, after, providers: provider ? [provider] : null, status },
  });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const notice = useLiveUpdates(undefined, refresh);
  const feed = result.data?.interviews;

  return (
    <section>
      <header className="page-header">
        <div>
          <h1>Pipeline</h1>
          <p className="muted">
            Every vendor's interviews in one feed, most recently updated first{feed?.totalCount != null ? ` · ${feed.totalCount} in all` : ''}
          </p>
        </div>
        {notice && (
          <output className="notice" aria-live="polite">
            {notice}
          </output>
        )}
      </header>
      <div className="filters">
        <fieldset className="chips" aria-label="Vendor">
          {[null, ...(Object.keys(PROVIDER_NAMES) as Provider[])].map((p) => (
            <button
              key={p ?? 'all'}
              type="button"
              className={p === provider ? 'chip active' : 'chip'}
              aria-pressed={p === provider}
              onClick={() => {
                setProvider(p);
                setAfter(null);
              }}
            >
              {p ? PROVIDER_NAMES[p] : 'All vendors'}
            </button>
          ))}
        </fieldset>
        <select
          aria-label="Status"
          value={status ?? ''}
          onChange={(event) => {
            setStatus((event.target.value || null) as InterviewStatus | null);
            setAfter(null);
          }}
        >
          <option value="">Any status</option>
          {(Object.keys(STATUS_NAMES) as InterviewStatus[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_NAMES[s]}
            </option>
          ))}
        </select>
      </div>
      {result.error && <p className="error">{result.error.message}</p>}
      {!feed && result.fetching && <p className="muted">Loading…</p>}
      {feed && (
        <table className="feed">
          <thead>
            <tr>
              <th>Candidate</th>
              <th>Vendor</th>
              <th>Interview</th>
              <th>Status</th>
              <th className="num">Score</th>
              <th>Recommendation</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {feed.edges.map((edge, i) =>
              edge.node ? (
                <tr key={edge.node.id} data-interview={edge.node.id}>
                  <td>
                    <a href={candidateHref(edge.node.candidate.email ?? '')} className="candidate-link">
                      <strong>{edge.node.candidate.name ?? edge.node.candidate.email}</strong>
                      <span className="muted small">{edge.node.candidate.email}</span>
                    </a>
                  </td>
                  <td>
                    <VendorBadge provider={edge.node.provider} />
                  </td>
                  <td>{edge.node.templateName ?? '—'}</td>
                  <td>
                    <StatusBadge status={edge.node.status} />
                  </td>
                  <td className="num score">{formatScore(edge.node.report?.score)}</td>
                  <td>{edge.node.report ? <RecommendationBadge recommendation={edge.node.report.recommendation} /> : <span className="muted">—</span>}</td>
                  <td className="muted">{formatDate(edge.node.updatedAt)}</td>
                </tr>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: a failed vendor's item has no id, only its place
                <tr key={`failed-${i}`} className="failed">
                  <td colSpan={7}>
                    <VendorBadge provider={edge.provider} /> this interview could not be loaded from the vendor just now
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      <nav className="pager">
        {after && (
          <button type="button" onClick={() => setAfter(null)}>
            ← First page
          </button>
        )}
        {feed?.pageInfo.hasNextPage && (
          <button type="button" onClick={() => setAfter(feed.pageInfo.endCursor ?? null)}>
            Next page →
          </button>
        )}
      </nav>
    </section>
  );
}
