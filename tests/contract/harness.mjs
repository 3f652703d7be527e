// The contract test's plumbing: start `ycr serve` on a temporary database, put Prism in proxy
// mode in front of it, and send requests through the proxy, recording every violation Prism
// reports (the sl-violations header, or its own problem responses) as a failure.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PASSWORD = 'Contract-test passphrase 7';

// Prism's own problem types; a response of one of these never came from ycr.
const PRISM_PROBLEM = 'https://stoplight.io/prism/errors#';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function runYcr(ycr, args, input) {
  const r = spawnSync(ycr, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ycr ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

// Accounts for every role; `other_caseworker` works for another service, to reach records of an
// organisation that is not theirs.
export const ACCOUNTS = [
  ['admin', 'admin', 'Young carers service'],
  ['caseworker', 'caseworker', 'Young carers service'],
  ['manager', 'team_manager', 'Young carers service'],
  ['other_caseworker', 'caseworker', 'Other carers service'],
  ['champion', 'referrer', 'Hamilton Academy'],
  ['commissioner', 'commissioner', 'County commissioning'],
  ['auditor', 'auditor', 'County commissioning'],
  // A partner practitioner of adult social care (role referrer): the tasks addressed to it.
  ['adult_services', 'referrer', 'County adult social care'],
];

export async function startServices({ ycr, spec, prism, sourceDir }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ycr-contract-'));
  const config = path.join(dir, 'ycr.conf');
  fs.writeFileSync(
    config,
    [
      `database = ${path.join(dir, 'ycr.db')}`,
      `key_dir = ${path.join(dir, 'keys')}`,
      `data_dir = ${sourceDir}`,
      'password_hash_cost = min',
      'max_body_bytes = 65536',
      'sign_in_free_attempts = 3',
      'verify_rate_per_minute = 20',
      'log_level = warn',
      // Staff sign in with passwords here; the second factor's own routes are called in their steps.
      'require_second_factor = false',
      '',
    ].join('\n'),
  );
  const common = ['--config', config];
  runYcr(ycr, ['migrate', ...common]);
  runYcr(ycr, ['organisation', 'add', ...common, '--kind', 'carers_centre', '--name', 'Young carers service',
               '--district', 'Leicester']);
  runYcr(ycr, ['organisation', 'add', ...common, '--kind', 'carers_centre', '--name', 'Other carers service']);
  runYcr(ycr, ['organisation', 'add', ...common, '--kind', 'school', '--name', 'Hamilton Academy', '--urn', '120345',
               '--district', 'LE5']);
  runYcr(ycr, ['organisation', 'add', ...common, '--kind', 'commissioner', '--name', 'County commissioning']);
  runYcr(ycr, ['organisation', 'add', ...common, '--kind', 'adult_social_care', '--name', 'County adult social care']);
  for (const [username, role, organisation] of ACCOUNTS)
    runYcr(ycr, ['user', 'add', ...common, '--username', username, '--role', role, '--organisation', organisation,
                 '--password-stdin'], PASSWORD + '\n');

  const ycrPort = await freePort();
  const ycrLog = path.join(dir, 'ycr.log');
  const server = spawn(ycr, ['serve', ...common, '--bind', '127.0.0.1', '--port', String(ycrPort)], {
    stdio: ['ignore', fs.openSync(ycrLog, 'a'), fs.openSync(ycrLog, 'a')],
  });
  const prismPort = await freePort();
  const prismLog = path.join(dir, 'prism.log');
  const proxy = spawn(prism, ['proxy', spec, `http://127.0.0.1:${ycrPort}`, '--errors', '--port', String(prismPort),
                              '--host', '127.0.0.1'], {
    stdio: ['ignore', fs.openSync(prismLog, 'a'), fs.openSync(prismLog, 'a')],
  });
  const services = {
    dir, server, proxy, ycrLog, prismLog,
    upstream: `http://127.0.0.1:${ycrPort}`,
    proxyUrl: `http://127.0.0.1:${prismPort}`,
    stop() {
      for (const p of [proxy, server]) if (p.exitCode === null) p.kill('SIGTERM');
    },
    cleanUp() { fs.rmSync(dir, { recursive: true, force: true }); },
  };
  const ready = async (url, child, name) => {
    for (let i = 0; i < 300; ++i) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      try {
        const r = await fetch(url);
        if (r.status === 200) return;
      } catch { /* not listening yet */ }
      await sleep(100);
    }
    throw new Error(`${name} did not start within 30 s`);
  };
  try {
    await ready(`${services.upstream}/healthz`, server, 'ycr serve');
    await ready(`${services.proxyUrl}/healthz`, proxy, 'prism proxy');
  } catch (e) {
    services.stop();
    throw e;
  }
  return services;
}

// Operations (METHOD /template) described by the document, for the coverage check.
export function describedOperations(specDocument) {
  const ops = [];
  for (const [p, item] of Object.entries(specDocument.paths))
    for (const m of ['get', 'post', 'put', 'patch', 'delete'])
      if (item[m]) ops.push({ key: `${m.toUpperCase()} ${p}`, statuses: Object.keys(item[m].responses) });
  return ops;
}

export class Api {
  constructor({ proxyUrl, upstream, log }) {
    this.proxyUrl = proxyUrl;
    this.upstream = upstream;
    this.log = log;
    this.tokens = {};
    this.failures = [];
    this.checks = 0;
    this.seen = new Map(); // operation -> Set of statuses
  }

  fail(what, detail) {
    this.failures.push(`${what}: ${detail}`);
    this.log(`FAIL ${what}: ${detail}`);
  }

  // call('POST /api/v1/cases/{id}/events', {params: {id}, as: 'caseworker', body, expect: 200})
  // Options: query, headers, rawBody + contentType, accept, token (instead of `as`),
  // requestViolation: true when Prism must refuse the request as not matching the description;
  // the same request then goes straight to ycr, which must refuse it with `expect`.
  async call(operation, opts = {}) {
    const [method, template] = operation.split(' ');
    let url = template.replace(/\{(\w+)\}/g, (_, name) => {
      if (!opts.params || opts.params[name] === undefined) throw new Error(`${operation}: no value for {${name}}`);
      return encodeURIComponent(String(opts.params[name]));
    });
    if (opts.query) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.query)) if (v !== undefined) q.set(k, String(v));
      url += `?${q}`;
    }
    const headers = { ...(opts.headers || {}) };
    const token = opts.token !== undefined ? opts.token : opts.as ? this.tokens[opts.as] : undefined;
    if (opts.as && !token) throw new Error(`${operation}: ${opts.as} is not signed in`);
    if (token) headers.Authorization = `Bearer ${token}`;
    if (opts.accept) headers.Accept = opts.accept;
    let body;
    if (opts.rawBody !== undefined) {
      body = opts.rawBody;
      headers['Content-Type'] = opts.contentType || 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    }
    const label = `${operation}${opts.label ? ` [${opts.label}]` : ''}`;
    this.checks += 1;
    if (opts.directOnly) {
      // Prism cannot carry this request (it parses JSON bodies itself): ycr alone must refuse it.
      const direct = await this.send(this.upstream + url, method, headers, body);
      if (direct.status !== opts.expect)
        this.fail(label, `ycr answered ${direct.status} (expected ${opts.expect}) directly: ${direct.text.slice(0, 300)}`);
      else if (!/application\/problem\+json/.test(direct.headers.get('content-type') || ''))
        this.fail(label, `ycr's refusal is not application/problem+json`);
      this.record(operation, direct.status);
      return direct;
    }
    const reply = await this.send(this.proxyUrl + url, method, headers, body);
    const violations = reply.headers.get('sl-violations');
    const fromPrism = typeof reply.json?.type === 'string' && reply.json.type.startsWith('https://stoplight.io/prism/');

    if (opts.requestViolation) {
      if (!fromPrism)
        this.fail(label, `Prism should refuse this request as not described, but it answered ${reply.status}`);
      const direct = await this.send(this.upstream + url, method, headers, body);
      if (direct.status !== opts.expect)
        this.fail(label, `ycr answered ${direct.status} (expected ${opts.expect}) directly: ${direct.text.slice(0, 300)}`);
      this.record(operation, direct.status);
      return direct;
    }
    if (violations) this.fail(label, `violations ${violations}`);
    else if (fromPrism) this.fail(label, `Prism answered ${reply.status}: ${reply.text.slice(0, 600)}`);
    if (opts.expect !== undefined && reply.status !== opts.expect)
      this.fail(label, `status ${reply.status}, expected ${opts.expect}: ${reply.text.slice(0, 400)}`);
    this.record(operation, reply.status);
    return reply;
  }

  record(operation, status) {
    if (!this.seen.has(operation)) this.seen.set(operation, new Set());
    this.seen.get(operation).add(String(status));
  }

  async send(url, method, headers, body) {
    const r = await fetch(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(20000) });
    const text = await r.text();
    let json;
    if (/json/.test(r.headers.get('content-type') || '')) {
      try { json = JSON.parse(text); } catch { json = undefined; }
    }
    return { status: r.status, headers: r.headers, text, json };
  }

  async signIn(name, username = name) {
    const r = await this.call('POST /api/v1/sessions', {
      body: { username, password: PASSWORD }, expect: 201, label: `sign in ${name}`,
    });
    this.tokens[name] = r.json?.token;
    return r;
  }
}
