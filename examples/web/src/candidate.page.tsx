/** One person across every vendor: accounts, interviews, and each report with scorecard, transcript and recordings. */
import { useCallback } from 'react';
import { useQuery } from 'urql';
import { RecommendationBadge, StatusBadge, VendorBadge } from './badges';
import { formatDate, formatScore } from './format';
import type { CandidateProfileQuery as CandidateProfile } from './gql/graphql';
import { useLiveUpdates } from './live';
import { CandidateProfileQuery } from './operations';

type Report = NonNullable<NonNullable<CandidateProfile['candidate']>['reports'][number]>;

export function CandidatePage({ email }: { email: string }) {
  const [result, reexecute] = useQuery({ query: CandidateProfileQuery, variables: { email } });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const notice = useLiveUpdates(email, refresh);
  const candidate = result.data?.candidate;

  if (result.error && !candidate) return <p className="error">{result.error.message}</p>;
  if (!result.data) return <p className="muted">Loading…</p>;
  if (!candidate) return <p className="muted">No candidate with the email {email}.</p>;
  const reports = candidate.reports.filter((r): r is Report => r != null);

  return (
    <section>
      <a href="#/" className="back">
        ← Pipeline
      </a>
      <header className="page-header">
        <div>
          <h1>{candidate.name ?? candidate.email}</h1>
          <p className="muted">{candidate.email}</p>
        </div>
        {notice && (
          <output className="notice" aria-live="polite">
            {notice}
          </output>
        )}
      </header>

      <div className="grid">
        <div className="card">
          <h2>Accounts</h2>
          <ul className="accounts">
            {candidate.accounts.map((a) => (
              <li key={`${a.provider}:${a.providerId}`}>
                <VendorBadge provider={a.provider} /> <span>{a.name ?? a.email}</span> <code className="muted small">{a.providerId}</code>
              </li>
            ))}
          </ul>
        </div>
        <div className="card">
          <h2>Interviews</h2>
          <table className="interviews">
            <tbody>
              {candidate.interviews?.edges.map((edge) =>
                edge.node ? (
                  <tr key={edge.node.id} data-interview={edge.node.id}>
                    <td>
                      <VendorBadge provider={edge.node.provider} />
                    </td>
                    <td>{edge.node.templateName ?? '—'}</td>
                    <td>
                      <StatusBadge status={edge.node.status} />
                    </td>
                    <td className="muted small">
                      {edge.node.completedAt ? `completed ${formatDate(edge.node.completedAt)}` : `invited ${formatDate(edge.node.invitedAt)}`}
                    </td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      </div>

      <h2 className="section-title">
        Reports <span className="muted">({reports.length})</span>
      </h2>
      {reports.length === 0 && <p className="muted">No report yet: reports appear here as soon as a vendor finishes one.</p>}
      {reports.map((report) => (
        <ReportCard key={report.id} report={report} />
      ))}
    </section>
  );
}

function ReportCard({ report }: { report: Report }) {
  return (
    <article className="card report" data-report={report.id}>
      <header className="report-header">
        <div>
          <VendorBadge provider={report.provider} /> <strong>{report.interview?.templateName ?? 'Interview'}</strong>
          <div className="muted small">completed {formatDate(report.completedAt)}</div>
        </div>
        <div className="report-score">
          <span className="score-big">{formatScore(report.score)}</span>
          <RecommendationBadge recommendation={report.recommendation} />
        </div>
      </header>
      {report.summary && <p>{report.summary}</p>}
      {(report.highlights.length > 0 || report.lowlights.length > 0) && (
        <div className="lights">
          {report.highlights.map((h) => (
            <span key={`+${h}`} className="light plus">
              + {h}
            </span>
          ))}
          {report.lowlights.map((l) => (
            <span key={`-${l}`} className="light minus">
              − {l}
            </span>
          ))}
        </div>
      )}
      {report.scorecard && report.scorecard.items.length > 0 && (
        <table className="scorecard">
          <thead>
            <tr>
              <th>Scorecard</th>
              <th className="num">{formatScore(report.scorecard.overall)}</th>
            </tr>
          </thead>
          <tbody>
            {report.scorecard.items.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: scorecard items may repeat a name; their order is theirs
              <tr key={i}>
                <td>
                  {item.name}
                  {item.feedback && <div className="muted small">{item.feedback}</div>}
                </td>
                <td className="num">{item.notScored ? 'not scored' : formatScore(item.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.recordings.length > 0 && (
        <div className="recordings">
          {report.recordings.map((r) => (
            <a key={r.url} href={r.playerUrl ?? r.url} target="_blank" rel="noreferrer" className="recording">
              ▶ {r.kind.toLowerCase()} ({r.format.toLowerCase()})
            </a>
          ))}
          {report.reportUrl && (
            <a href={report.reportUrl} target="_blank" rel="noreferrer">
              Vendor report
            </a>
          )}
          {report.pdfUrl && (
            <a href={report.pdfUrl} target="_blank" rel="noreferrer">
              PDF
            </a>
          )}
        </div>
      )}
      {report.transcript.length > 0 && (
        <details className="transcript">
          <summary>Transcript ({report.transcript.length} turns)</summary>
          <ol>
            {report.transcript.map((turn) => (
              <li key={turn.sequence} className={`turn ${turn.speaker.toLowerCase()}`}>
                <span className="speaker">{turn.speaker === 'CANDIDATE' ? 'Candidate' : turn.speaker === 'INTERVIEWER' ? 'Interviewer' : 'System'}</span>
                {turn.text}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
