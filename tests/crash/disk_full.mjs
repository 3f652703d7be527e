// A full disk under `ycr serve` (issue 28), run by disk_full_test.sh inside a mount namespace of its
// own with a small tmpfs at SMALL_DIR holding the database (its keys and logs are elsewhere).
// A filler file takes every free byte; then
//   - writes are refused cleanly: 503 application/problem+json (type urn:ycr:problem:unavailable),
//     never a 500, and the server stays up;
//   - reads that need no write go on working (health, readiness, the version, your account, the
//     questionnaires); reads of children's records, all audited, are refused like writes;
//   - once the filler is deleted, writes succeed again without a restart;
//   - a database locked by another process past the busy timeout is refused the same way (503);
//   - after a clean stop, integrity_check and `ycr audit verify` pass and every write acknowledged
//     before, during and after the full disk is stored as acknowledged.
// Usage: node disk_full.mjs PATH/TO/ycr SOURCE_DIR WORK_DIR SMALL_DIR
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  child, request, rng, run, setUpRegister, signIn, sql, startServer, writeConfig,
} from './lib.mjs';

const [ycr, sourceDir, dir, small] = process.argv.slice(2).map((p) => path.resolve(p));
const db = path.join(small, 'ycr.db');
const config = writeConfig(dir, db, sourceDir);
const serverLog = path.join(dir, 'serve.log');
const filler = path.join(small, 'filler');
const random = rng(Number(process.env.YCR_CRASH_SEED || 28));
const failures = [];
const fail = (what) => { failures.push(what); console.log(`FAIL ${what}`); };
const ok = (what) => console.log(`ok: ${what}`);
const acked = new Map();  // reference -> caring summary
let key = 1;

const statvfs = () => run('df', ['-k', '--output=used,avail', small]).stdout.trim().split('\n')[1].trim().split(/\s+/);

// Takes every free byte of the small file system (and says how many it took).
function fill() {
  const fd = fs.openSync(filler, 'a');
  const chunk = Buffer.alloc(64 * 1024, 0x55);
  let written = 0;
  for (let size = chunk.length; size >= 512;) {
    try {
      written += fs.writeSync(fd, chunk, 0, size);
    } catch (e) {
      if (e.code !== 'ENOSPC') throw e;
      size /= 2;
    }
  }
  fs.closeSync(fd);
  return written;
}

let server, agent, token, referrer;
const call = (method, route, body, as = token) => request(server.base, method, route, { token: as, body, agent });
async function refer(label) {
  const summary = `Disk full test, ${label}, ${random.int(1e9)}`;
  const r = await call('POST', '/api/v1/referrals', {
    young_person: child(key++, random), caring_summary: summary,
    cared_for: [{ relationship: 'parent', conditions: ['frailty'], lives_with_young_carer: true,
                  known_to_adult_social_care: false }],
    young_person_aware: true, parent_aware: true,
  });
  if (r.status === 201) acked.set(r.json.reference, summary);
  return r;
}
function isUnavailableProblem(r) {
  return r.status === 503 && /^application\/problem\+json/.test(r.headers['content-type'] || '') &&
    r.json?.type === 'urn:ycr:problem:unavailable' && r.json?.status === 503;
}

try {
  setUpRegister(ycr, config);
  server = await startServer(ycr, config, serverLog);
  agent = new http.Agent({ keepAlive: true });
  token = await signIn(server.base, 'caseworker1', agent);
  referrer = await signIn(server.base, 'champion1', agent);
  for (let i = 0; i < 20; ++i) if ((await refer('before')).status !== 201) fail('a referral before the disk filled up');
  // Cases still at "referred": one for each acknowledge below, so each is a real write.
  const caseIds = (await call('GET', '/api/v1/cases?limit=50')).json.items.filter((c) => c.state === 'referred')
    .map((c) => c.id);
  const caseId = caseIds.pop();
  // Sessions seen more than a minute ago: the next request records the activity (a write the
  // service makes on the side of a read, best effort), here on the full disk.
  sql(db, "UPDATE sessions SET last_seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 minutes')");
  ok(`20 referrals with room to spare (database ${fs.statSync(db).size} bytes, file system used/free KiB ${statvfs().join('/')})`);

  // ---- full ----
  const took = fill();
  let firstRefusal = -1, accepted = 0;
  const statuses = {};
  for (let i = 0; i < 400 && firstRefusal < 0; ++i) {
    const r = await refer('filling');
    statuses[r.status] = (statuses[r.status] || 0) + 1;
    if (r.status === 201) { ++accepted; continue; }
    if (!isUnavailableProblem(r)) fail(`a write on a full disk answered ${r.status} ${r.headers['content-type']} ${r.text}`);
    firstRefusal = i;
    // The database may free a page or two for a later write: take those too.
    fill();
  }
  if (firstRefusal < 0) fail(`400 referrals on a full disk and none refused (${JSON.stringify(statuses)})`);
  else ok(`filler took ${took} bytes; ${accepted} referrals still fitted in the write-ahead log, then 503 problem+json`);
  // Every kind of write, again and again: refused cleanly every time, the server up throughout.
  const writes = {
    referral: () => refer('full'),
    'referral by a school': async () => {
      const r = await call('POST', '/api/v1/referrals', {
        young_person: child(key++, random), caring_summary: 'Disk full test, school',
        cared_for: [{ relationship: 'parent', conditions: [], lives_with_young_carer: true, known_to_adult_social_care: false }],
      }, referrer);
      if (r.status === 201) acked.set(r.json.reference, 'Disk full test, school');
      return r;
    },
    'case event': () => call('POST', `/api/v1/cases/${caseIds.pop()}/events`, { event: 'acknowledge' }),
    'sign-in': () => request(server.base, 'POST', '/api/v1/sessions',
                             { body: { username: 'caseworker2', password: 'Crash-test passphrase 7' }, agent }),
  };
  const refusedWrites = {};
  for (let i = 0; i < 5; ++i) {
    for (const [what, write] of Object.entries(writes)) {
      const r = await write();
      refusedWrites[`${what} ${r.status}`] = (refusedWrites[`${what} ${r.status}`] || 0) + 1;
      if (r.status >= 200 && r.status < 300) continue;  // a page freed by a checkpoint: stored, checked below
      if (!isUnavailableProblem(r)) fail(`${what} on a full disk answered ${r.status} ${r.headers['content-type']} ${r.text}`);
    }
  }
  if (server.child.exitCode !== null || server.child.signalCode !== null) fail('ycr serve stopped on a full disk');
  ok(`writes on the full disk: ${JSON.stringify(refusedWrites)}`);
  // Reads that need no write go on. Every read of children's records is audited (lists included), and
  // an audit event that cannot be written means no read: those must be refused cleanly too.
  const reads = {
    '/healthz': '/healthz',
    '/readyz': '/readyz',
    'the version': '/api/v1/version',
    'your account': '/api/v1/account',
    'the questionnaires': '/api/v1/questionnaires',
  };
  const readStatuses = {};
  for (const [what, route] of Object.entries(reads)) {
    const r = await call('GET', route);
    readStatuses[what] = r.status;
    if (r.status !== 200) fail(`${what} on a full disk answered ${r.status} ${r.text}`);
  }
  for (const [what, route] of Object.entries({ 'the work list (audited)': '/api/v1/cases?limit=20',
                                               'the referral list (audited)': '/api/v1/referrals?limit=20' })) {
    const r = await call('GET', route);
    readStatuses[what] = r.status;
    if (r.status !== 200 && !isUnavailableProblem(r)) fail(`${what} on a full disk answered ${r.status} ${r.text}`);
  }
  // A case is an audited read: the audit event must be written, so on a full disk it is refused.
  const audited = await call('GET', `/api/v1/cases/${caseId}`);
  readStatuses['a case (audited)'] = audited.status;
  if (audited.status !== 200 && !isUnavailableProblem(audited))
    fail(`an audited read on a full disk answered ${audited.status} ${audited.text}`);
  ok(`reads on the full disk: ${JSON.stringify(readStatuses)}`);

  // ---- room again, no restart ----
  fs.rmSync(filler);
  let resumed = -1;
  for (let i = 0; i < 10 && resumed < 0; ++i) if ((await refer('after')).status === 201) resumed = i;
  if (resumed !== 0) fail(`writes did not resume at once when the filler was deleted (first success at attempt ${resumed})`);
  for (let i = 0; i < 10; ++i) if ((await refer('after')).status !== 201) fail('a referral after space was freed');
  const event = await call('POST', `/api/v1/cases/${caseId}/events`, { event: 'acknowledge' });
  if (event.status !== 200 && event.status !== 409) fail(`a case event after space was freed answered ${event.status}`);
  const again = await call('GET', `/api/v1/cases/${caseId}`);
  if (again.status !== 200) fail(`an audited read after space was freed answered ${again.status}`);
  ok('space freed: referrals, a case event and an audited read succeed at once, without a restart');

  // ---- the database locked by another process past the busy timeout (5 s; a long import batch) ----
  // sqlite3 waits for the lock (the server's own writer may hold it for a moment: without .timeout the
  // BEGIN would fail and hold nothing) and says when it has it; a fixed pause raced a busy machine.
  const locker = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'ignore'] });
  const holding = new Promise((resolve, reject) => {
    let said = '';
    const giveUp = setTimeout(() => reject(new Error('sqlite3 did not take the write lock')), 30000);
    locker.stdout.on('data', (d) => {
      said += d;
      if (said.includes('holding')) {
        clearTimeout(giveUp);
        resolve();
      }
    });
  });
  locker.stdin.write(".timeout 20000\nBEGIN IMMEDIATE;\nSELECT 'holding';\n");
  await holding;
  const locked = await refer('locked');
  if (!isUnavailableProblem(locked)) fail(`a write while another process held the lock answered ${locked.status} ${locked.text}`);
  locker.stdin.end();
  await new Promise((resolve) => locker.once('exit', resolve));
  const unlocked = await refer('unlocked');
  if (unlocked.status !== 201) fail(`a write after the lock was released answered ${unlocked.status} ${unlocked.text}`);
  ok(`locked past the busy timeout by another process: ${locked.status}; released: ${unlocked.status}`);

  // ---- stopped cleanly, then the files checked ----
  server.child.kill('SIGTERM');
  await server.child.exited;
  agent.destroy();
  const integrity = sql(db, 'PRAGMA integrity_check');
  if (integrity[0]?.integrity_check !== 'ok') fail(`integrity_check: ${JSON.stringify(integrity)}`);
  const verify = run(ycr, ['audit', 'verify', '--config', config], { allowFail: true });
  if (verify.status !== 0) fail(`ycr audit verify: ${verify.stdout}${verify.stderr}`);
  const stored = new Map(sql(db, 'SELECT reference, caring_summary FROM referrals').map((r) => [r.reference, r.caring_summary]));
  let missing = 0;
  for (const [reference, summary] of acked) if (stored.get(reference) !== summary) ++missing;
  if (missing) fail(`${missing} of ${acked.size} acknowledged referrals missing or changed`);
  const log = fs.readFileSync(serverLog, 'utf8');
  const errors = log.split('\n').filter((l) => /request failed/.test(l));
  if (errors.length) fail(`the server log has ${errors.length} failed requests (500s), e.g. ${errors[0]}`);
  ok(`integrity_check ok, audit trail intact, all ${acked.size} acknowledged referrals stored (${stored.size} in all)`);
} catch (e) {
  fail(e.stack || String(e));
} finally {
  if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  if (failures.length && fs.existsSync(serverLog)) console.log(`server log tail:\n${fs.readFileSync(serverLog, 'utf8').slice(-3000)}`);
}
console.log(failures.length ? `FAILED: ${failures.length} problems` : 'PASS');
process.exit(failures.length ? 1 : 0);
