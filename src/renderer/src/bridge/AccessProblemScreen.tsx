import type { AccessProblem } from './browserApi';
import './accessProblem.css';

const CONTENT: Record<AccessProblem, { title: string; body: string }> = {
  'no-token': {
    title: 'Open Interview Coach from its link',
    body: 'This page needs the link that “coach serve” printed when it started; it ends in ?token=…. Copy it from the terminal and open it here.',
  },
  'bad-token': {
    title: 'This link has expired',
    body: 'The access token in this link is not the server’s current one: it changes every time “coach serve” starts. Open the new link it printed.',
  },
  unreachable: {
    title: 'The Interview Coach server is not running',
    body: 'Start it in a terminal, then open the link it prints.',
  },
};

/** Browser mode only: what to do when the page cannot reach the server with a valid token. */
export function AccessProblemScreen({ problem }: { problem: AccessProblem }) {
  const { title, body } = CONTENT[problem];
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Interview Coach
        </div>
      </header>
      <main className="app-main">
        <section className="access-problem" role="alert" aria-labelledby="access-title">
          <h1 id="access-title" className="page-title">
            {title}
          </h1>
          <p className="access-body">{body}</p>
          {problem !== 'bad-token' && (
            <pre className="access-command">
              <code>npx coach serve</code>
            </pre>
          )}
          <p className="muted">
            Your answers stay on this computer; the link only lets this browser reach them.
          </p>
        </section>
      </main>
    </div>
  );
}
