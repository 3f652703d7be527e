// Crash consistency (issue 28): round after round, `ycr serve` on one database is driven by six
// concurrent clients (referrals from three doors, referrals about children already known,
// audited reads, pathway moves, merges of duplicates) while `ycr import` files a spreadsheet,
// then the server is killed with SIGKILL at a random moment (the importer with it, at random: else
// it runs on through the server's crash and restart). The next round starts on what the kill left,
// after checking that:
//   - every write a client was told succeeded (a 2xx and its id or reference) is there, as it was
//     acknowledged: referrals with their content and young carer (through any later merge), case
//     events and versions, merges, sessions (a token acknowledged before the kill still works),
//     and the audit events of every acknowledged read;
//   - PRAGMA integrity_check is ok, no foreign key is broken, and `ycr audit verify` passes;
//   - nothing is half written: every referral has its case and its cared-for person, every case
//     its opening event, every referral, merge and case event its audit event;
//   - the import is whole batch by batch: its rows are exactly those its committed batches'
//     audit events count, every record it created has its audit event, an import that said it was
//     done has every row, and an interrupted import resumes (the next round runs it again: the
//     rows already imported are skipped and counted as such) until it is done.
// Usage: node crash.mjs PATH/TO/ycr SOURCE_DIR
// Environment: YCR_CRASH_ROUNDS (default 24), YCR_CRASH_SECONDS (no round starts after this many
// seconds; default 70), YCR_CRASH_SEED, YCR_CRASH_IMPORT_ROWS (rows a file, default 8000; batches of
// 5,000 commit separately), YCR_CRASH_KILL_MS (the kill comes at a random moment in MIN-MAX ms after
// the load starts, default 300-3500), YCR_CRASH_KEEP=1 (keep the working directory).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  ACCOUNTS, child, childEnv, otherGivenName, request, rng, run, setUpRegister, signIn, sleep, sql, sqlMany, startServer, writeConfig,
} from './lib.mjs';

const [ycrArg, sourceArg] = process.argv.slice(2);
if (!ycrArg || !sourceArg) {
  console.error('usage: node crash.mjs PATH/TO/ycr SOURCE_DIR');
  process.exit(2);
}
const ycr = path.resolve(ycrArg);
const sourceDir = path.resolve(sourceArg);
const env = process.env;
const ROUNDS = Number(env.YCR_CRASH_ROUNDS || 24);
const BUDGET_S = Number(env.YCR_CRASH_SECONDS || 70);
const SEED = Number(env.YCR_CRASH_SEED || Math.floor(Math.random() * 2 ** 31));
const IMPORT_ROWS = Number(env.YCR_CRASH_IMPORT_ROWS || 8000);
const [KILL_MIN, KILL_MAX] = (env.YCR_CRASH_KILL_MS || '300-3500').split('-').map(Number);
const BASE_CHILDREN = 3000;
const random = rng(SEED);
const started = Date.now();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ycr-crash-'));
const db = path.join(dir, 'ycr.db');
const config = writeConfig(dir, db, sourceDir);
const serverLog = path.join(dir, 'serve.log');
const failures = [];
let caught = null;  // the self-check collects what the checks report here instead
const fail = (what) => {
  if (caught) return caught.push(what);
  failures.push(what);
  console.log(`FAIL ${what}`);
};

// ---- what the clients were told: every acknowledged write, by kind ----
const acked = {
  sessions: new Map(),    // username -> token
  referrals: new Map(),   // reference -> what was sent and answered
  reads: new Map(),       // "user|action|record" -> acknowledged audited reads
  events: [],             // {caseId, event, state, version}
  merges: [],             // {id, survivor, absorbed}
};
const known = [];         // children on the register (acknowledged): {person, youngCarerId?}
const caseIds = [];       // cases the caseworkers know of
const ackCount = { referral: 0, read: 0, event: 0, merge: 0, session: 0 };
const outcomes = { new: 0, linked: 0, needs_review: 0 };
let nextKey = 1;
let userIds = {}, organisationIds = {}, organisationKinds = {};

function rememberRead(username, action, recordId) {
  const key = `${userIds[username]}|${action}|${recordId}`;
  acked.reads.set(key, (acked.reads.get(key) || 0) + 1);
  ++ackCount.read;
}

// ---- the clients ----
const SAFE_EVENTS = {
  acknowledge: {},
  accept_for_assessment: {},
  start_assessment: {},
  signpost: { close_reason: 'signposted_to_universal_services', reason: 'Crash test: signposted' },
  close: { close_reason: 'moved_away', reason: 'Crash test: moved away' },
  reopen: { reason: 'Crash test: referred again' },
};

function referralBody(person, round) {
  const safeguarding = random() < 0.1;
  return {
    young_person: { ...person },
    caring_summary: `Round ${round}: helps at home ${random.int(1e9)}`,
    cared_for: [{ relationship: random.pick(['parent', 'sibling', 'grandparent']), conditions: ['mental_ill_health'],
                  lives_with_young_carer: true, known_to_adult_social_care: false }],
    young_person_aware: true,
    parent_aware: random() < 0.8,
    ...(safeguarding ? { safeguarding_concern: true, safeguarding_detail: 'Crash test: a worry about home' } : {}),
  };
}

class Client {
  constructor(username, role, ctx) {
    this.username = username;
    this.staff = role === 'caseworker';
    this.ctx = ctx;
  }

  async call(method, route, body) {
    const r = await request(this.ctx.base, method, route, { token: this.token, body, agent: this.ctx.agent });
    if (r.status >= 500 && !this.ctx.stopped) fail(`${this.username} ${method} ${route}: ${r.status} ${r.text}`);
    return r;
  }

  async refer(round) {
    let person, about;
    const aboutKnown = known.length > 0 && random() < 0.35;
    if (aboutKnown) {
      about = random.pick(known);
      person = { ...about.person };
    } else {
      person = child(nextKey++, random);
    }
    const body = referralBody(person, round);
    const r = await this.call('POST', '/api/v1/referrals', body);
    if (r.status !== 201) {
      if (r.status !== 503 || !this.ctx.stopped) this.ctx.refused[r.status] = (this.ctx.refused[r.status] || 0) + 1;
      return undefined;
    }
    const identity = r.json.identity;
    acked.referrals.set(r.json.reference, {
      username: this.username, body, youngCarerId: identity?.young_carer_id, outcome: identity?.outcome, round,
    });
    ++ackCount.referral;
    if (identity) outcomes[identity.outcome] += 1;
    if (!aboutKnown) known.push({ person, youngCarerId: identity?.young_carer_id });
    return { reference: r.json.reference, identity, person };
  }

  async readReferral(reference) {
    const r = await this.call('GET', `/api/v1/referrals/${encodeURIComponent(reference)}`);
    if (r.status !== 200) return undefined;
    rememberRead(this.username, 'referral.read', reference);
    if (r.json.case_id) caseIds.push(r.json.case_id);
    return r.json;
  }

  async workCase() {
    const id = random.pick(caseIds);
    const r = await this.call('GET', `/api/v1/cases/${id}`);
    if (r.status !== 200) return;
    rememberRead(this.username, 'case.read', String(id));
    const allowed = (r.json.allowed_events || []).filter((e) => SAFE_EVENTS[e]);
    if (allowed.length === 0 || random() < 0.3) return;
    const event = random.pick(allowed);
    const e = await this.call('POST', `/api/v1/cases/${id}/events`,
                              { event, ...SAFE_EVENTS[event], expected_version: r.json.version });
    if (e.status !== 200) return;
    acked.events.push({ caseId: id, event, state: e.json.state, version: e.json.version });
    ++ackCount.event;
  }

  async readYoungCarer() {
    const withId = known.filter((k) => k.youngCarerId);
    if (withId.length === 0) return;
    const id = random.pick(withId).youngCarerId;
    const r = await this.call('GET', `/api/v1/young-carers/${id}`);
    if (r.status === 200) rememberRead(this.username, 'young_carer.read', String(id));
  }

  // Two records about one child: a second referral under another given name (the name written down
  // wrong; it could be a twin, so it goes to review as a record of its own), then the caseworker,
  // having checked, merges it into the first.
  async mergeDuplicate(round) {
    const first = await this.refer(round);
    if (!first?.identity || first.identity.outcome === 'linked') return;
    const slipped = { ...first.person, given_name: otherGivenName(first.person.given_name, random) };
    const body = referralBody(slipped, round);
    const second = await this.call('POST', '/api/v1/referrals', body);
    if (second.status !== 201) return;
    const identity = second.json.identity;
    acked.referrals.set(second.json.reference, {
      username: this.username, body, youngCarerId: identity.young_carer_id, outcome: identity.outcome, round,
    });
    ++ackCount.referral;
    outcomes[identity.outcome] += 1;
    if (identity.young_carer_id === first.identity.young_carer_id) return;
    const r = await this.call('POST', `/api/v1/young-carers/${first.identity.young_carer_id}/merge`,
                              { other_id: identity.young_carer_id, reason: 'Crash test: one child, name written down wrong' });
    if (r.status !== 201) return;
    acked.merges.push({ id: r.json.id, survivor: first.identity.young_carer_id, absorbed: identity.young_carer_id });
    ++ackCount.merge;
  }

  async step(round) {
    if (!this.staff) {
      await this.refer(round);
      return;
    }
    const x = random();
    if (x < 0.3 || caseIds.length === 0) {
      const made = await this.refer(round);
      if (made) await this.readReferral(made.reference);
    } else if (x < 0.75) {
      await this.workCase();
    } else if (x < 0.9) {
      await this.readYoungCarer();
    } else {
      await this.mergeDuplicate(round);
    }
  }

  async loop(round) {
    // A session acknowledged in an earlier round must still open the door after the crash.
    const earlier = acked.sessions.get(this.username);
    if (earlier) {
      this.token = earlier;
      const r = await this.call('GET', '/api/v1/account');
      if (r.status !== 200) fail(`${this.username}'s session, acknowledged before a kill, answers ${r.status}`);
    } else {
      this.token = await signIn(this.ctx.base, this.username, this.ctx.agent);
      acked.sessions.set(this.username, this.token);
      ++ackCount.session;
    }
    while (!this.ctx.stopped) {
      try {
        await this.step(round);
      } catch (e) {
        if (this.ctx.stopped) return;
        fail(`${this.username}: the connection failed before the kill: ${e.message}`);
        return;
      }
    }
  }
}

// ---- the import: one spreadsheet a round, resumed in the next round when the kill interrupted it ----
const baseChildren = [];
const imports = [];  // {source, file, rows, committed, completions}
let pendingImport = null;

function writeCsv(file, rows) {
  const lines = ['Ref,Forename,Surname,DOB,Postcode'];
  for (const [ref, p] of rows) lines.push([ref, p.given_name, p.family_name, p.date_of_birth, p.postcode].join(','));
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

function newImport(round) {
  const source = `census-round-${round}`;
  const file = path.join(dir, `${source}.csv`);
  const rows = [];
  // Three in four rows are children the register knows (linked, nothing created); the rest new.
  for (let i = 0; i < IMPORT_ROWS; ++i)
    rows.push([`R${round}-${i + 1}`, random() < 0.75 ? random.pick(baseChildren) : child(nextKey++, random)]);
  writeCsv(file, rows);
  const entry = { source, file, rows: IMPORT_ROWS, committed: 0, runs: 0 };
  imports.push(entry);
  return entry;
}

function parseSummary(text) {
  const counts = {};
  for (const m of text.matchAll(/^\s+(new|linked|needs_review|rejected|already_imported): ([\d,]+)$/gm))
    counts[m[1]] = Number(m[2].replace(/,/g, ''));
  return counts;
}

function startImport(entry) {
  const out = path.join(dir, `${entry.source}.run${++entry.runs}.out`);
  const fd = fs.openSync(out, 'w');
  const proc = spawn(ycr, ['import', entry.file, '--source', entry.source, '--config', config],
                     { stdio: ['ignore', fd, fd], env: childEnv });
  fs.closeSync(fd);
  proc.entry = entry;
  proc.committedBefore = entry.committed;
  proc.exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  proc.outFile = out;
  return proc;
}

// ---- the checks after each kill ----
const imported = { complete: 0, partial: 0, none: 0, resumed: 0 };

// Nothing half written: each a count that must be 0.
const HALF_WRITTEN = {
  'referrals without their case': `SELECT count(*) AS n FROM referrals r
      WHERE r.case_id IS NULL OR NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = r.case_id)`,
  'referrals without their cared-for person': `SELECT count(*) AS n FROM referrals r
      WHERE r.id NOT IN (SELECT referral_id FROM cared_for_people WHERE referral_id IS NOT NULL)`,
  'referrals without their audit event': `SELECT count(*) AS n FROM referrals r WHERE NOT EXISTS
      (SELECT 1 FROM audit_events a WHERE a.record_type = 'referral' AND a.record_id = r.reference
         AND a.action = 'referral.create')`,
  'cases without an opening event': `SELECT count(*) AS n FROM cases c
      WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id)`,
  'referred children (not merged away) without a case': `SELECT count(*) AS n
      FROM (SELECT DISTINCT young_carer_id AS id FROM referrals) r JOIN young_carers y ON y.id = r.id
      WHERE y.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.young_carer_id = y.id)`,
  'merges without their audit event': `SELECT (SELECT count(*) FROM merges) -
      (SELECT count(*) FROM audit_events WHERE action = 'young_carer.merge' AND outcome = 'ok') AS n`,
  'merged records not pointing at their survivor': `SELECT count(*) AS n FROM merges m JOIN young_carers y
      ON y.id = m.absorbed_id WHERE m.undone_at IS NULL AND y.merged_into IS NOT m.survivor_id`,
  'case events without their audit event': `SELECT (SELECT count(*) FROM case_events WHERE actor_user_id IS NOT NULL
      AND event IN ('acknowledge','accept_for_assessment','start_assessment','signpost','close','reopen')) -
      (SELECT count(*) FROM audit_events WHERE action = 'case.event' AND outcome = 'ok') AS n`,
  'records created by imports without their audit event': `SELECT (SELECT count(*) FROM import_rows
      WHERE outcome IN ('new', 'needs_review')) - (SELECT count(*) FROM audit_events
      WHERE action = 'young_carer.create' AND detail LIKE 'import % ref %') AS n`,
};

// One snapshot of the database after a kill: its integrity, the half-written counts, what the
// acknowledged writes are compared with, and the import's rows and committed batches.
function snapshot(source, database = db) {
  const quoted = `'${source.replace(/'/g, "''")}'`;
  return sqlMany(database, {
    integrity: 'PRAGMA integrity_check',
    foreignKeys: 'PRAGMA foreign_key_check',
    ...Object.fromEntries(Object.entries(HALF_WRITTEN).map(([k, q]) => [`half:${k}`, q])),
    referrals: `SELECT reference, organisation_id, route, young_carer_id, case_id, caring_summary, safeguarding_concern,
        parent_aware, described_given_name, described_family_name, described_date_of_birth, described_postcode
        FROM referrals`,
    mergedInto: 'SELECT id, merged_into FROM young_carers WHERE merged_into IS NOT NULL',
    reads: `SELECT actor_user_id AS u, action, record_id AS id, count(*) AS n FROM audit_events
        WHERE outcome = 'ok' AND action IN ('referral.read', 'case.read', 'young_carer.read') GROUP BY 1, 2, 3`,
    events: `SELECT case_id || '|' || event || '|' || to_state AS k, count(*) AS n FROM case_events GROUP BY 1`,
    versions: 'SELECT id, version FROM cases',
    merges: 'SELECT id, survivor_id, absorbed_id FROM merges',
    importRows: `SELECT outcome, count(*) AS n FROM import_rows WHERE source = ${quoted} GROUP BY 1`,
    importBatches: `SELECT detail FROM audit_events WHERE action = 'import.batch' AND record_id = ${quoted}
        AND outcome = 'ok'`,
    importCreated: `SELECT count(*) AS n FROM audit_events WHERE action = 'young_carer.create'
        AND detail LIKE 'import ' || ${quoted} || ' ref %'`,
  });
}

function checkDatabase(round, s) {
  if (s.integrity.length !== 1 || s.integrity[0].integrity_check !== 'ok')
    fail(`round ${round}: integrity_check: ${JSON.stringify(s.integrity).slice(0, 500)}`);
  if (s.foreignKeys.length) fail(`round ${round}: foreign_key_check: ${JSON.stringify(s.foreignKeys.slice(0, 5))}`);
  for (const what of Object.keys(HALF_WRITTEN)) {
    const n = s[`half:${what}`][0].n;
    if (n !== 0) fail(`round ${round}: ${what}: ${n}`);
  }
  const verify = run(ycr, ['audit', 'verify', '--config', config], { allowFail: true });
  if (verify.status !== 0) fail(`round ${round}: ycr audit verify exits ${verify.status}: ${verify.stdout}${verify.stderr}`);
}

// Every acknowledged write, as acknowledged. Returns how many were checked.
function checkAcknowledged(round, s) {
  let checked = 0;
  const referrals = new Map(s.referrals.map((r) => [r.reference, r]));
  const mergedInto = new Map(s.mergedInto.map((r) => [r.id, r.merged_into]));
  const survivorOf = (id) => { while (mergedInto.has(id)) id = mergedInto.get(id); return id; };
  for (const [reference, a] of acked.referrals) {
    ++checked;
    const r = referrals.get(reference);
    if (!r) { fail(`round ${round}: acknowledged referral ${reference} (round ${a.round}) is missing`); continue; }
    const p = a.body.young_person;
    const org = organisationIds[ACCOUNTS.find(([u]) => u === a.username)[2]];
    const same = r.organisation_id === org && r.route === organisationKinds[org] &&
      r.caring_summary === a.body.caring_summary && r.safeguarding_concern === (a.body.safeguarding_concern ? 1 : 0) &&
      r.parent_aware === (a.body.parent_aware ? 1 : 0) && r.described_given_name === p.given_name &&
      r.described_family_name === p.family_name && r.described_date_of_birth === p.date_of_birth &&
      r.described_postcode === p.postcode &&
      (a.youngCarerId === undefined || survivorOf(a.youngCarerId) === r.young_carer_id);
    if (!same) fail(`round ${round}: referral ${reference} differs from what was acknowledged: ${JSON.stringify(r)} vs ${JSON.stringify(a)}`);
  }
  const reads = new Map(s.reads.map((r) => [`${r.u}|${r.action}|${r.id}`, r.n]));
  for (const [key, n] of acked.reads) {
    checked += n;
    if ((reads.get(key) || 0) < n) fail(`round ${round}: ${n} acknowledged reads ${key} but ${reads.get(key) || 0} audited`);
  }
  const events = new Map(s.events.map((r) => [r.k, r.n]));
  const versions = new Map(s.versions.map((r) => [r.id, r.version]));
  const want = new Map();
  for (const e of acked.events) {
    ++checked;
    const k = `${e.caseId}|${e.event}|${e.state}`;
    want.set(k, (want.get(k) || 0) + 1);
    if (!(versions.get(e.caseId) >= e.version))
      fail(`round ${round}: case ${e.caseId} is at version ${versions.get(e.caseId)}, acknowledged ${e.version}`);
  }
  for (const [k, n] of want)
    if ((events.get(k) || 0) < n) fail(`round ${round}: ${n} acknowledged events ${k}, ${events.get(k) || 0} stored`);
  const merges = new Map(s.merges.map((r) => [r.id, r]));
  for (const m of acked.merges) {
    ++checked;
    const row = merges.get(m.id);
    if (!row || row.survivor_id !== m.survivor || row.absorbed_id !== m.absorbed)
      fail(`round ${round}: acknowledged merge ${JSON.stringify(m)} stored as ${JSON.stringify(row)}`);
  }
  return checked + acked.sessions.size;
}

// The import's rows are exactly what its committed batches' audit events count, and the records it
// created each have their audit event: a batch is all there or not at all. An import that said it
// was done has every row, having skipped exactly what earlier runs committed.
function checkImport(round, s, entry, outcome) {
  const stored = Object.fromEntries(s.importRows.map((r) => [r.outcome, r.n]));
  const total = s.importRows.reduce((sum, r) => sum + r.n, 0);
  let batched = 0;
  for (const { detail } of s.importBatches) {
    const n = (name) => Number((detail.match(new RegExp(`(\\d+) ${name}\\b`)) || [0, 0])[1]);
    batched += n('new') + n('linked') + n('needs_review');
  }
  if (batched !== total) fail(`round ${round}: ${entry.source}: ${total} rows stored, committed batches say ${batched}`);
  if (s.importCreated[0].n !== (stored.new || 0) + (stored.needs_review || 0))
    fail(`round ${round}: ${entry.source}: ${s.importCreated[0].n} records' audit events for ${JSON.stringify(stored)}`);
  if (total < entry.committed) fail(`round ${round}: ${entry.source}: ${total} rows after ${entry.committed} before`);
  if (!outcome) {
    // Still running: only what its committed batches hold so far.
  } else if (outcome.code === 0) {
    const summary = parseSummary(fs.readFileSync(outcome.out, 'utf8'));
    const sum = ['new', 'linked', 'needs_review', 'already_imported'].reduce((t, k) => t + (summary[k] || 0), 0);
    if (total !== entry.rows) fail(`round ${round}: ${entry.source} said it was done but ${total} of ${entry.rows} rows are stored`);
    if ((summary.already_imported || 0) !== outcome.committedBefore)
      fail(`round ${round}: ${entry.source} skipped ${summary.already_imported} rows, ${outcome.committedBefore} were imported before`);
    if (sum !== entry.rows) fail(`round ${round}: ${entry.source}'s summary does not add up: ${JSON.stringify(summary)}`);
  } else if (outcome.signal !== 'SIGKILL') {
    fail(`round ${round}: ycr import exited ${outcome.code ?? outcome.signal}: ${fs.readFileSync(outcome.out, 'utf8').slice(-1500)}`);
  }
  entry.committed = total;
  return total;
}

function checkAll(round, entry, outcome) {
  const s = snapshot(entry.source);
  checkDatabase(round, s);
  const checked = checkAcknowledged(round, s);
  const total = checkImport(round, s, entry, outcome);
  return { checked, total };
}

// ---- the rounds ----
// The importer is a process of its own: a crash of the server does not stop it. At each kill it is
// killed too only at random (and whenever it has outlived three kills), so that an import also runs
// on while the server dies and starts again, and commits batches that rounds shorter than a batch
// would never reach; a killed import is resumed by the next round.
let importer = null;
let importerKills = 0, importerRounds = 0;

function settleImport(n, exit) {
  const entry = importer.entry;
  const before = entry.committed;
  const result = checkAll(n, entry, { ...exit, out: importer.outFile, committedBefore: importer.committedBefore });
  const state = result.total === entry.rows ? 'complete' : result.total > 0 ? 'partial' : 'none';
  ++imported[state];
  pendingImport = result.total === entry.rows ? null : entry;
  importer = null;
  return { ...result, note: `import ${entry.source} ${before} -> ${result.total} of ${entry.rows} rows ` +
                            `(${exit.code === 0 ? 'finished' : 'killed'})` };
}

async function round(n) {
  const t0 = Date.now();
  if (!importer) {
    const entry = pendingImport || newImport(n);
    if (pendingImport) ++imported.resumed;
    importer = startImport(entry);
    importerRounds = 0;
  }
  const server = await startServer(ycr, config, serverLog);
  const t1 = Date.now();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ctx = { base: server.base, agent, stopped: false, refused: {} };
  let diedEarly = false;
  server.child.exited.then(() => { if (!ctx.stopped) diedEarly = true; });
  const clients = ACCOUNTS.map(([u, role]) => new Client(u, role, ctx));
  const loops = clients.map((c) => c.loop(n).catch((e) => { if (!ctx.stopped) fail(`${c.username}: ${e.message}`); }));
  const killAfter = KILL_MIN + random.int(KILL_MAX - KILL_MIN + 1);
  await sleep(killAfter);
  ctx.stopped = true;
  server.child.kill('SIGKILL');
  const killImporter = importer.exitCode === null && (random() < 0.5 || ++importerRounds >= 3);
  if (killImporter) {
    importer.kill('SIGKILL');
    ++importerKills;
  }
  const serverExit = await server.child.exited;
  const importExit = killImporter || importer.exitCode !== null ? await importer.exited : null;
  await Promise.all(loops);
  agent.destroy();
  const t2 = Date.now();
  if (diedEarly || serverExit.signal !== 'SIGKILL')
    fail(`round ${n}: ycr serve stopped by itself (${serverExit.code ?? serverExit.signal}) before the kill`);

  let result;
  if (importExit) {
    result = settleImport(n, importExit);
  } else {
    // Still importing: checked on a snapshot taken while it writes.
    const entry = importer.entry;
    result = checkAll(n, entry, null);
    result.note = `import ${entry.source} at ${result.total} of ${entry.rows} rows (running on)`;
  }
  const t3 = Date.now();
  console.log(`round ${n}: up in ${t1 - t0} ms, killed after ${killAfter} ms, stopped in ${t2 - t1 - killAfter} ms, ` +
              `checked in ${t3 - t2} ms; ${result.checked} acknowledged writes checked; ${result.note}` +
              `${Object.keys(ctx.refused).length ? `; refused ${JSON.stringify(ctx.refused)}` : ''}`);
  return result.checked;
}

// The checks must see a lost write: on a copy of the database, one acknowledged referral is deleted,
// one acknowledged case event and one audited read are taken away, and each must be reported.
function selfCheck() {
  const copy = path.join(dir, 'damaged.db');
  run('sqlite3', [db, `VACUUM INTO '${copy}'`]);
  const [reference] = acked.referrals.keys();
  const event = acked.events[acked.events.length - 1];
  const [read] = acked.reads.keys();
  const [user, action, record] = read.split('|');
  run('sqlite3', [copy, `DELETE FROM referrals WHERE reference = '${reference}';
      DELETE FROM case_events WHERE id = (SELECT max(id) FROM case_events WHERE case_id = ${event.caseId});
      UPDATE cases SET version = version - 1 WHERE id = ${event.caseId};
      DROP TRIGGER audit_events_no_delete;
      DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events WHERE actor_user_id = ${user}
        AND action = '${action}' AND record_id = '${record}');`]);
  caught = [];
  checkAcknowledged('self-check', snapshot('none', copy));
  const found = caught;
  caught = null;
  const expect = [`acknowledged referral ${reference} `, `case ${event.caseId} is at version`, `acknowledged reads ${read} `];
  for (const e of expect)
    if (!found.some((f) => f.includes(e))) fail(`self-check: damage not reported (${e}); reported: ${found.join('; ')}`);
  fs.rmSync(copy, { force: true });
  return found.length;
}

try {
  setUpRegister(ycr, config);
  for (const u of sql(db, 'SELECT id, username FROM users')) userIds[u.username] = u.id;
  for (const o of sql(db, 'SELECT id, name, kind FROM organisations')) {
    organisationIds[o.name] = o.id;
    organisationKinds[o.id] = o.kind;
  }
  // The register the spreadsheets link to: children already known, imported once, whole.
  const baseRows = [];
  for (let i = 0; i < BASE_CHILDREN; ++i) {
    const p = child(nextKey++, random);
    baseChildren.push(p);
    baseRows.push([`B${i + 1}`, p]);
  }
  writeCsv(path.join(dir, 'base.csv'), baseRows);
  run(ycr, ['import', path.join(dir, 'base.csv'), '--source', 'base', '--config', config]);
  for (const p of baseChildren.slice(0, 200)) known.push({ person: p });

  let rounds = 0, checked = 0, checks = 0;
  while (rounds < ROUNDS && (rounds < 3 || (Date.now() - started) / 1000 < BUDGET_S)) {
    ++rounds;
    checked = await round(rounds);
    checks += checked;
    if (failures.length > 20) break;
  }
  // The last import runs to its end, and an interrupted one resumes to the end: every row there.
  if (importer) {
    const exit = await importer.exited;
    console.log(`final: ${settleImport('final', exit).note}`);
  }
  if (pendingImport && failures.length === 0) {
    importer = startImport(pendingImport);
    ++imported.resumed;
    const exit = await importer.exited;
    console.log(`final: resumed, ${settleImport('final', exit).note}`);
  }
  const damage = acked.events.length && acked.reads.size ? selfCheck() : 0;
  console.log(`self-check: a lost referral, case event and audited read in a damaged copy gave ${damage} reports`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const importRows = sql(db, 'SELECT count(*) AS n FROM import_rows')[0].n;
  console.log(`SUMMARY crash: ${rounds} rounds, ${rounds} kills of ycr serve and ${importerKills} of ycr import, ` +
              `${checked} acknowledged writes checked after the last kill (${checks} checks over all rounds: ` +
              `${ackCount.referral} referrals ` +
              `[${outcomes.new} new, ${outcomes.linked} linked, ${outcomes.needs_review} to review, as case staff saw them], ` +
              `${ackCount.event} case events, ${ackCount.merge} merges, ${ackCount.read} audited reads, ` +
              `${ackCount.session} sessions); imports: ${imports.length} files of ${IMPORT_ROWS} rows, when they ` +
              `stopped ${imported.none} had no batch, ${imported.partial} part, ${imported.complete} every row; ` +
              `${imported.resumed} resumed runs; ${importRows} import rows; seed ${SEED}; ${seconds} s; ` +
              `${failures.length} failures`);
} catch (e) {
  fail(e.stack || String(e));
} finally {
  if (importer && importer.exitCode === null) importer.kill('SIGKILL');
  if (failures.length) console.log(`server log tail:\n${fs.existsSync(serverLog) ? fs.readFileSync(serverLog, 'utf8').slice(-3000) : ''}`);
  if (env.YCR_CRASH_KEEP === '1') console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failures.length ? 1 : 0);
