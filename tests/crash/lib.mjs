// Shared plumbing of the crash tests (tests/crash) and the naughty strings test (tests/naughty):
// a free port outside the ephemeral range, the register's setup through the ycr commands, `ycr
// serve` started and stopped, HTTP calls on an agent of their own, and the database read back with
// the sqlite3 command-line shell.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const PASSWORD = 'Crash-test passphrase 7';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A loopback port below the kernel's ephemeral range (tests/deploy/free_port.sh): a port in that
// range may be handed to an outgoing connection between our check and the server's bind.
export async function freePort(avoid = []) {
  let low = 32768;
  try {
    [low] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  } catch { /* the usual range */ }
  const [from, to] = low > 11024 ? [10000, low] : [61000, 65536];
  for (;;) {
    const port = from + Math.floor(Math.random() * (to - from));
    if (avoid.includes(port)) continue;
    const free = await new Promise((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

// The environment for ycr: the tests' own YCR_CRASH_ variables are neither settings nor script
// variables, and ycr would name each on standard error.
export const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('YCR_CRASH_')));

export function run(cmd, args, { input, allowFail = false } = {}) {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: childEnv });
  if (!allowFail && r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
  return r;
}

// The sqlite3 shell waits for a lock as ycr does (busy_timeout): after a kill, the first connection to
// open the database recovers its WAL, and an import left running on may be writing meanwhile.
const SHELL = ['-cmd', '.timeout 10000', '-json'];

// The database read with the sqlite3 shell, rows as objects.
export function sql(db, query) {
  const out = run('sqlite3', [...SHELL, db, query]).stdout.trim();
  return out ? JSON.parse(out) : [];
}

// Several queries in one sqlite3 process (one snapshot of the database, and one process start
// rather than many on a loaded machine): {name: query} -> {name: rows}.
export function sqlMany(db, queries) {
  const names = Object.keys(queries);
  const script = `BEGIN;\n${names.map((k) => `SELECT '${k}' AS __k;\n${queries[k]};`).join('\n')}\nCOMMIT;`;
  const out = run('sqlite3', [...SHELL, db], { input: script }).stdout.trim();
  const sets = out ? JSON.parse(`[${out.replace(/\]\n\[/g, '],[')}]`) : [];
  const result = Object.fromEntries(names.map((k) => [k, []]));
  let current;
  for (const set of sets) {
    if (set.length === 1 && Object.keys(set[0]).length === 1 && '__k' in set[0]) current = set[0].__k;
    else result[current] = set;
  }
  return result;
}

export function writeConfig(dir, database, sourceDir, extra = []) {
  const config = path.join(dir, 'ycr.conf');
  fs.writeFileSync(config, [
    `database = ${database}`,
    `key_dir = ${path.join(dir, 'keys')}`,
    `data_dir = ${sourceDir}`,
    'password_hash_cost = min',
    'log_level = warn',
    'require_second_factor = false',
    ...extra,
    '',
  ].join('\n'));
  return config;
}

// Organisations for several doors and an account at each: the carers centre's caseworkers (who
// take referrals by phone and work the cases), two schools' champions and a GP practice.
export const ORGANISATIONS = [
  ['carers_centre', 'Young carers service', []],
  ['school', 'Hamilton Academy', ['--urn', '120345']],
  ['school', 'Soar Valley College', ['--urn', '120346']],
  ['gp_practice', 'Mere Road Surgery', ['--urn', 'C82001']],
];
export const ACCOUNTS = [
  ['caseworker1', 'caseworker', 'Young carers service'],
  ['caseworker2', 'caseworker', 'Young carers service'],
  ['caseworker3', 'caseworker', 'Young carers service'],
  ['champion1', 'referrer', 'Hamilton Academy'],
  ['champion2', 'referrer', 'Soar Valley College'],
  ['gp_referrer', 'referrer', 'Mere Road Surgery'],
];

export function setUpRegister(ycr, config) {
  const common = ['--config', config];
  run(ycr, ['migrate', ...common]);
  for (const [kind, name, extra] of ORGANISATIONS)
    run(ycr, ['organisation', 'add', ...common, '--kind', kind, '--name', name, ...extra]);
  for (const [username, role, organisation] of ACCOUNTS)
    run(ycr, ['user', 'add', ...common, '--username', username, '--role', role, '--organisation', organisation,
              '--password-stdin'], { input: `${PASSWORD}\n` });
}

// `ycr serve` on a free port, answering /healthz; another port when one was taken before the bind.
export async function startServer(ycr, config, log) {
  for (let attempt = 1; ; ++attempt) {
    const port = await freePort();
    const fd = fs.openSync(log, 'a');
    const child = spawn(ycr, ['serve', '--config', config, '--bind', '127.0.0.1', '--port', String(port)],
                        { stdio: ['ignore', fd, fd], env: childEnv });
    fs.closeSync(fd);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.exited = exited;
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600 && child.exitCode === null && child.signalCode === null; ++i) {
      try {
        const r = await request(base, 'GET', '/healthz', { timeoutMs: 1000 });
        if (r.status === 200) return { child, base, port };
      } catch { /* not listening yet */ }
      await sleep(50);
    }
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      throw new Error(`ycr serve did not answer on port ${port} within 30 s`);
    }
    const text = fs.readFileSync(log, 'utf8');
    if (attempt < 5 && /already in use/i.test(text.slice(-2000))) continue;
    throw new Error(`ycr serve exited (${child.exitCode ?? child.signalCode}): ${text.slice(-2000)}`);
  }
}

// One HTTP request; resolves with {status, headers, json, text}, rejects when the connection fails.
// `body` goes as JSON; `raw` (a string) goes as it is, labelled JSON, for bodies that are not.
export function request(base, method, route, { token, body, raw, agent, timeoutMs = 30000 } = {}) {
  return new Promise((resolve, reject) => {
    const payload = raw !== undefined ? Buffer.from(raw)
      : body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { Accept: 'application/json' };
    if (payload) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': payload.length });
    if (token) headers.Authorization = `Bearer ${token}`;
    const req = http.request(`${base}${route}`, { method, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, json, text });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export async function signIn(base, username, agent) {
  const r = await request(base, 'POST', '/api/v1/sessions', { body: { username, password: PASSWORD }, agent });
  if (r.status !== 201 || !r.json?.token) throw new Error(`${username} cannot sign in: ${r.status} ${r.text}`);
  return r.json.token;
}

// ---- made-up children ----
const GIVEN = ['Amira', 'Oliver', 'Chloe', 'Mohammed', 'Priya', 'Jack', 'Zainab', 'Harry', 'Maya', 'Ethan',
  'Leah', 'Yusuf', 'Ruby', 'Kacper', 'Grace', 'Ibrahim', 'Isla', 'Dylan', 'Sofia', 'Tariq', 'Erin', 'Callum',
  'Hana', 'Reuben', 'Aaliyah', 'Finley', 'Nadia', 'Owen', 'Precious', 'Theo', 'Layla', 'Kai', 'Mia', 'Arjun',
  'Evie', 'Samuel', 'Freya', 'Bilal', 'Poppy', 'Lewis'];
const FAMILY = ['Khan', 'Smith', 'Patel', 'Jones', 'Nowak', 'Okafor', 'Williams', 'Begum', 'Brown', 'Mistry',
  'Taylor', 'Hussain', 'Davies', 'Ahmed', 'Evans', 'Kowalski', 'Wilson', 'Chauhan', 'Thomas', 'Ali', 'Roberts',
  'Mensah', 'Walker', 'Shah', 'Wright', 'Osei', 'Green', 'Parmar', 'Hall', 'Zielinski', 'Wood', 'Ndlovu',
  'Clarke', 'Rahman', 'Hughes', 'Lungu', 'Baker', 'Gill', 'Turner', 'Farah'];
const POSTCODES = ['LE1 1AA', 'LE2 7GH', 'LE3 1AA', 'LE4 6BY', 'LE5 3QD', 'LE2 1TE', 'LE3 9QN', 'LE4 0PR',
  'LE5 4NS', 'LE1 6RN', 'LE2 2DB', 'LE3 5EA'];

// A deterministic pseudo-random generator, so a run can be repeated from its seed.
export function rng(seed) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (a) => a[next.int(a.length)];
  return next;
}

// A made-up child, distinct from every other by its key: the family name carries the key
// scrambled into five letters (Khan-Qdxmb; neighbouring keys share no letter in place, so made-up
// children do not look like each other's typing slips), the date of birth is 6-16 years ago.
export function child(key, random) {
  const year = new Date().getUTCFullYear() - 6 - random.int(10);
  const month = 1 + random.int(12), day = 1 + random.int(28);
  const pad = (x) => String(x).padStart(2, '0');
  let k = Number((BigInt(key) * 2654435761n) % 11881376n);  // 26^5; the multiplier is prime to it
  let letters = '';
  for (let i = 0; i < 5; ++i, k = Math.floor(k / 26)) letters += String.fromCharCode(97 + (k % 26));
  return {
    given_name: random.pick(GIVEN),
    family_name: `${random.pick(FAMILY)}-${letters[0].toUpperCase()}${letters.slice(1)}`,
    date_of_birth: `${year}-${pad(month)}-${pad(day)}`,
    postcode: random.pick(POSTCODES),
  };
}

// Another given name than this one, from the same list (a twin, or a name written down wrong).
export function otherGivenName(name, random) {
  for (;;) {
    const other = random.pick(GIVEN);
    if (other !== name) return other;
  }
}
