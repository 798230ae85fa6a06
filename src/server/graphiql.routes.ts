import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GRAPHIQL_EXAMPLE_TABS } from './graphiql.examples';

/**
 * GraphiQL served from the installed package, not Apollo's CDN page: works air-gapped, loads nothing
 * cross-origin. Assets come from a fixed list (no URL path reaches the filesystem), versioned so
 * they cache forever. URLs are relative so a reverse proxy may mount the gateway under a prefix.
 */
export interface GraphiqlRoutes {
  /** `onRequest` hook of `GET /graphql`: a browser's navigation gets the page, the rest goes on to Apollo. */
  browserPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
}

export interface GraphiqlOptions {
  enabled: boolean;
  /** Relative to the page. */
  endpoint?: string;
  title?: string;
  /** AUTH_API_KEY_HEADER: the Headers editor opens with it, for the key to be pasted in. */
  apiKeyHeader?: string;
}

export class GraphiqlAssetsError extends Error {
  constructor(readonly missing: string[]) {
    super(`@graphql-yoga/graphiql is missing ${missing.join(', ')}: reinstall it, or set GRAPHQL_LANDING_PAGE=false`);
    this.name = 'GraphiqlAssetsError';
  }
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** First file present wins: 4.5 ships the GraphQL worker as `graphql.worker..bundle.js`. */
const PACKAGE_ASSETS: Record<string, { files: string[]; type: string }> = {
  'yoga-graphiql.umd.js': { files: ['yoga-graphiql.umd.js'], type: JS },
  'graphiql.css': { files: ['graphiql.css'], type: CSS },
  'editor.worker.js': { files: ['monacoeditorwork/editor.worker.bundle.js'], type: JS },
  'json.worker.js': { files: ['monacoeditorwork/json.worker.bundle.js'], type: JS },
  'graphql.worker.js': { files: ['monacoeditorwork/graphql.worker.bundle.js', 'monacoeditorwork/graphql.worker..bundle.js'], type: JS },
};

/** Monaco asks for a worker by label; these are the labels GraphiQL's editors use. */
const WORKER_BY_LABEL = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };

const GRAPHQL_MEDIA_TYPES = new Set(['application/json', 'application/graphql-response+json', 'multipart/mixed']);

/** `text/html` wins only over explicitly named JSON types with a lower q, as in Apollo's own negotiation. */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = 0;
  let graphql = 0;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q)) continue;
    if (type.trim() === 'text/html') html = Math.max(html, q);
    else if (GRAPHQL_MEDIA_TYPES.has(type.trim())) graphql = Math.max(graphql, q);
  }
  return html > 0 && html > graphql;
}

/** Resolved like any import, not a hard-coded node_modules path. */
function packageDist(): { dir: string; version: string } {
  const dir = dirname(require.resolve('@graphql-yoga/graphiql'));
  const { version } = require('@graphql-yoga/graphiql/package.json') as { version: string };
  return { dir, version };
}

/** The CSS's own fonts (embedded as data: URLs), which GraphiQL's layout is measured in. */
const GRAPHIQL_FONTS = ['400 1em Roboto', '500 1em Roboto', '400 1em "Fira Code"'];

/**
 * A file, so the CSP needs no inline script. Renders after the fonts load: GraphiQL 5.2 measures its
 * tabs at first render, and a late font swap leaves a stale offset under which a tab click never lands.
 */
function bootScript(versionDir: string): string {
  const workers = Object.fromEntries(Object.entries(WORKER_BY_LABEL).map(([label, name]) => [label, `${versionDir}/${name}`]));
  return `(function () {
  'use strict';
  var assets = new URL('./', document.currentScript.src);
  var workers = ${JSON.stringify(workers)};
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) {
      return new URL(workers[label] || workers.editorWorkerService, assets).href;
    },
  };
  window.addEventListener('DOMContentLoaded', function () {
    var options = JSON.parse(document.getElementById('graphiql-options').textContent);
    var endpoint = new URL(options.endpoint, document.baseURI).href;
    // The Headers tab (e.g. { "x-api-key": "…" }) goes with every HTTP request; a WebSocket cannot
    // carry headers, so the same values go in graphql-ws connectionParams, read when the socket
    // (re)connects: the socket closes when the last subscription ends, so edits apply to the next.
    // GraphiQL reports the editor's text on every edit and when a tab switch loads another tab's
    // headers (its debounced tab-state events lag behind, so they are not used).
    var headers = {};
    var readHeaders = function (text) {
      try {
        var parsed = JSON.parse(text || '{}');
        headers = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
      } catch (_error) {
        // half-typed JSON: keep the last good value
      }
    };
    var props = Object.assign({}, options.props, {
      endpoint: endpoint,
      subscriptionsProtocol: 'WS',
      subscriptionsEndpoint: endpoint.replace(/^http/, 'ws'),
      connectionParams: function () {
        return Object.assign({}, headers);
      },
      onEditHeaders: readHeaders,
      // Headers carry API keys: kept for the page's lifetime only, never in localStorage.
      shouldPersistHeaders: false,
    });
    var rendered = false;
    var render = function () {
      if (rendered) return;
      rendered = true;
      YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), props);
    };
    var fonts = ${JSON.stringify(GRAPHIQL_FONTS)}.map(function (font) {
      return document.fonts.load(font);
    });
    Promise.all(fonts).then(render, render);
    setTimeout(render, 3000);
  });
})();
`;
}

/** JSON inside `<script type="application/json">`: nothing in it may close the element. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The Headers editor's text in every tab: where the API key goes (sent as-is; an open gateway ignores it). */
export function graphiqlHeadersTemplate(apiKeyHeader: string): string {
  return JSON.stringify({ [apiKeyHeader]: '<your API key>' }, null, 2);
}

function pageHtml(options: { title: string; endpoint: string; css: string; bundle: string; boot: string; headers: string }): string {
  // `query` is what the editor opens with (yoga's default is its welcome text): the first tab's.
  const props = {
    title: escapeHtml(options.title),
    defaultTabs: GRAPHIQL_EXAMPLE_TABS.map((tab) => ({ ...tab, headers: options.headers })),
    query: GRAPHIQL_EXAMPLE_TABS[0].query,
    // A tab the user opens gets the template too.
    defaultHeaders: options.headers,
  };
  const config = { endpoint: options.endpoint, props };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(options.title)} · GraphiQL</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${options.css}" />
    <style>html, body, #root { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <noscript>GraphiQL needs JavaScript. POST your queries to this URL instead.</noscript>
    <div id="root">Loading GraphiQL…</div>
    <script type="application/json" id="graphiql-options">${jsonForHtml(config)}</script>
    <script src="${options.boot}"></script>
    <script src="${options.bundle}"></script>
  </body>
</html>
`;
}

/**
 * Inline styles (Monaco and React set them at runtime), `data:` fonts, and the socket named
 * explicitly: only CSP3 browsers count same-host ws:/wss: as 'self'.
 */
function contentSecurityPolicy(host: string | undefined): string {
  const sameHostSockets = host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${sameHostSockets}`,
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function registerGraphiqlRoutes(app: FastifyInstance, options: GraphiqlOptions): GraphiqlRoutes {
  if (!options.enabled) return { browserPage: async () => undefined };

  const { dir, version } = packageDist();
  const missing: string[] = [];
  const assets = new Map<string, { path: string; size: number; type: string }>();
  for (const [name, asset] of Object.entries(PACKAGE_ASSETS)) {
    const file = asset.files.map((f) => join(dir, f)).find((f) => existsSync(f));
    if (!file) missing.push(asset.files[0]);
    else assets.set(name, { path: file, size: statSync(file).size, type: asset.type });
  }
  if (missing.length > 0) throw new GraphiqlAssetsError(missing);

  const versionDir = `v${version}`;
  const boot = bootScript(versionDir);
  const bootName = `graphiql-boot.${createHash('sha256').update(boot).digest('hex').slice(0, 12)}.js`;
  const html = pageHtml({
    title: options.title ?? 'interview-graph',
    endpoint: options.endpoint ?? 'graphql',
    css: `graphiql/assets/${versionDir}/graphiql.css`,
    bundle: `graphiql/assets/${versionDir}/yoga-graphiql.umd.js`,
    boot: `graphiql/assets/${bootName}`,
    headers: graphiqlHeadersTemplate(options.apiKeyHeader ?? 'x-api-key'),
  });

  const sendPage = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
    reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', contentSecurityPolicy(request.headers.host))
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .send(html);
  const immutable = 'public, max-age=31536000, immutable';

  app.get('/graphiql', async (request, reply) => sendPage(request, reply));
  app.get(`/graphiql/assets/${bootName}`, async (_request, reply) =>
    reply.type(JS).header('x-content-type-options', 'nosniff').header('cache-control', immutable).send(boot),
  );
  app.get<{ Params: { name: string } }>(`/graphiql/assets/${versionDir}/:name`, async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'No such GraphiQL asset.' } });
    return reply
      .type(asset.type)
      .header('content-length', asset.size)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', immutable)
      .send(createReadStream(asset.path));
  });

  return {
    browserPage: async (request, reply) => {
      if (request.headers.upgrade !== undefined || !prefersHtml(request.headers.accept)) return undefined;
      return sendPage(request, reply);
    },
  };
}
