import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './ide.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import { Kind, parse } from 'graphql';
import { useGraphiQL, useGraphiQLActions, StarIcon, type GraphiQLPlugin } from '@graphiql/react';
import { useSyncExternalStore } from 'react';
import type { Fetcher } from '@graphiql/toolkit';
import { examples, panelLabels, type Example } from './examples';
import { acceptLanguage, initialLanguage, rememberLanguage, type Language } from '../language';

// The IDE's language: the panel's labels, and (as Accept-Language) the language of titles and summaries in answers.
let language: Language = initialLanguage();
const listeners = new Set<() => void>();
function setLanguage(next: Language) {
  language = next;
  rememberLanguage(next);
  listeners.forEach((listener) => listener());
}
const useLanguage = () =>
  useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => language,
  );
rememberLanguage(language);

// Same origin only: the IDE talks to the server that served it, and loads nothing from elsewhere.
// Subscriptions go over a WebSocket (graphql-transport-ws) to the same path.
const endpoint = new URL('/graphql', window.location.href);
const socketUrl = new URL(endpoint);
socketUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';
const sameOrigin = createGraphiQLFetcher({ url: endpoint.href, wsClient: createClient({ url: socketUrl.href, lazy: true }) });
// The chosen language as Accept-Language; a header set in the IDE's headers editor wins.
const fetcher: Fetcher = (params, options) => sameOrigin(params, { ...options, headers: { ...acceptLanguage(language), ...options?.headers } });

function ExamplesPanel() {
  const current = useLanguage();
  const words = panelLabels[current];
  const { addTab, setOperationName } = useGraphiQLActions();
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  const headerEditor = useGraphiQL((state) => state.headerEditor);
  const open = (example: Example) => {
    addTab(); // synchronously empties the editors for the new tab; the tab follows what they then hold
    queryEditor?.setValue(example.query);
    variableEditor?.setValue(example.variables ?? '');
    headerEditor?.setValue(example.headers ?? '');
    // The editor re-reads its operations only after a short debounce: name the one to run right away.
    const name = firstOperationName(example.query);
    if (name) setOperationName(name);
  };
  return (
    <section className="scg-examples" aria-labelledby="scg-examples-title">
      <div className="graphiql-doc-explorer-title" id="scg-examples-title">{words.heading}</div>
      <label className="scg-language">
        {words.language}{' '}
        <select data-testid="language" value={current} onChange={(event) => setLanguage(event.target.value as Language)}>
          <option value="de" lang="de">Deutsch</option>
          <option value="en" lang="en">English</option>
        </select>
      </label>
      <p>{words.intro}</p>
      <ul>
        {examples.map((example) => (
          <li key={example.title.en}>
            {/* Enabled once Monaco's editors exist: a click before that would open an empty tab. */}
            <button type="button" className="graphiql-button" disabled={!queryEditor || !variableEditor} onClick={() => open(example)}>
              <strong>{example.title[current]}</strong>
              <span>{example.question[current]}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="scg-auth-note">
        Reading needs no sign-in. <strong>Mutations</strong> need the header <code>Authorization: Bearer &lt;token&gt;</code>: mint a token
        with <code>token --role editor --name "Your Name"</code> (or <code>--role admin</code> for deletes and reverts) and put{' '}
        <code>{'{ "Authorization": "Bearer <token>" }'}</code> in the <em>Headers</em> tab below the editor. Headers are not saved.
      </p>
      <p>
        {words.explorerBefore}
        <a href="/explorer">{words.explorer}</a>
        {words.explorerAfter}
      </p>
    </section>
  );
}

function firstOperationName(query: string): string | null {
  for (const definition of parse(query).definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.name?.value ?? null;
  return null;
}

const examplesPlugin: GraphiQLPlugin = {
  title: 'Examples',
  icon: StarIcon,
  content: ExamplesPanel,
};

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[examplesPlugin, HISTORY_PLUGIN]}
      visiblePlugin={examplesPlugin}
      defaultTabs={examples.map((e) => ({ query: e.query, variables: e.variables, headers: e.headers }))}
      defaultEditorToolsVisibility={false}
    >
      <GraphiQL.Logo>
        <a href="/graphql" className="scg-logo">
          SmartCityGraph
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
