import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { CandidatePage } from './candidate.page';
import { client } from './client';
import { FeedPage } from './feed.page';
import './styles.css';

/** `#/` is the pipeline, `#/candidate/<email>` a candidate: a hash is enough routing for two pages. */
function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function App() {
  const match = /^#\/candidate\/(.+)$/.exec(useHash());
  return (
    <>
      <nav className="topbar">
        <a href="#/" className="brand">
          Interview pipeline
        </a>
        <span className="muted small">one graph over every AI-interview vendor</span>
      </nav>
      <main>{match ? <CandidatePage key={match[1]} email={decodeURIComponent(match[1])} /> : <FeedPage />}</main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={client}>
      <App />
    </Provider>
  </StrictMode>,
);
