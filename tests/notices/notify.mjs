// Notices delivered through GOV.UK Notify's API, to a local stand-in that checks every request as the
// real service does (tests/notices/fake_notify.py: the token verified by PyJWT, Debian's python3-jwt).
// The acknowledgement reaches Notify with the default template, the task for adult social care with
// its kind's own template, neither with the child's details; while Notify answers 500 a notice waits,
// and is sent exactly once when it is back; one Notify refuses with 400 fails at once, not retried.
// Settings that would send nothing are refused at start.
//   node tests/notices/notify.mjs PATH_TO_YCR SOURCE_DIR

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort, run, signIn, sleep, startServer, writeConfig } from '../crash/lib.mjs';
import { listening, noticeOf as noticeIn, referAndAcknowledge, setUp, tearDown, until } from './lib.mjs';

const [ycr, sourceDir] = process.argv.slice(2);
if (!ycr || !sourceDir) {
  console.error('usage: notify.mjs PATH_TO_YCR SOURCE_DIR');
  process.exit(2);
}
const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
if (spawnSync(python, ['-c', 'import jwt'], { stdio: 'ignore' }).status !== 0) {
  console.log('notify: skipped, python3-jwt is not installed (deploy/install-deps.sh installs it)');
  process.exit(77);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ycr-notify-'));
const db = path.join(dir, 'ycr.db');
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok) failures += 1;
};

// A key as Notify issues them: "{key name}-{service id}-{secret}".
const serviceId = crypto.randomUUID();
const secret = crypto.randomUUID();
const keyFile = path.join(dir, 'notify.key');
fs.writeFileSync(keyFile, `young-carers-live-${serviceId}-${secret}\n`, { mode: 0o600 });
const generalTemplate = crypto.randomUUID();
const taskTemplate = crypto.randomUUID();

async function startNotify(port) {
  const child = spawn(python, [path.join(sourceDir, 'tests/notices/fake_notify.py'), String(port), serviceId, secret, dir,
                               `${generalTemplate}=subject,body`, `${taskTemplate}=body`],
                      { stdio: ['ignore', 'ignore', 'inherit'] });
  child.exited = new Promise((resolve) => child.once('exit', resolve));
  await listening(port);
  return child;
}

// Every notification the stand-in accepted.
function sent() {
  const file = path.join(dir, 'sent.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}
const mentioning = (reference) => sent().filter((n) => JSON.stringify(n).includes(reference));
const noticeOf = (reference) => noticeIn(db, reference);

// Settings that would send nothing, or send one notice two ways, stop `ycr notices deliver` at once.
function refusals(base) {
  const cases = [
    [[`notify_api_key_file = ${path.join(dir, 'missing.key')}`, `notify_template_id = ${generalTemplate}`],
     'Cannot read', 'a key file that cannot be read'],
    [[`notify_api_key_file = ${keyFile}`], 'notify_template_id', 'no template'],
    [[`notify_api_key_file = ${keyFile}`, `notify_template_id = ${generalTemplate}`, 'smtp_host = 127.0.0.1'],
     'smtp_host', 'both SMTP and Notify'],
    [[`notify_api_key_file = ${keyFile}`, 'notify_template_id = not-a-template'], 'template id', 'a template id that is no UUID'],
    [[`notify_api_key_file = ${keyFile}`, `notify_template_id = ${generalTemplate}`,
      'notify_base_url = http://notify.example.org'], 'https', 'the API over plain HTTP to another machine'],
  ];
  for (const [lines, words, what] of cases) {
    const config = writeConfig(fs.mkdtempSync(path.join(dir, 'refused-')), db, sourceDir, lines);
    const r = run(ycr, ['notices', 'deliver', '--config', config], { allowFail: true });
    check(r.status !== 0 && r.stderr.includes(words), `refused: ${what} (${r.stderr.trim()})`);
  }
  const bad = path.join(dir, 'bad.key');
  fs.writeFileSync(bad, 'not-a-notify-key\n');
  const config = writeConfig(fs.mkdtempSync(path.join(dir, 'refused-')), db, sourceDir,
                             [`notify_api_key_file = ${bad}`, `notify_template_id = ${generalTemplate}`, base]);
  const r = run(ycr, ['notices', 'deliver', '--config', config], { allowFail: true });
  check(r.status !== 0 && r.stderr.includes('API key'), `refused: a file without an API key (${r.stderr.trim()})`);
}

let notify;
let server;
try {
  const port = await freePort();
  const base = `notify_base_url = http://127.0.0.1:${port}`;
  const config = writeConfig(dir, db, sourceDir, [`notify_api_key_file = ${keyFile}`, base,
    `notify_template_id = ${generalTemplate}`, `notify_template.task_created = ${taskTemplate}`,
    'notice_poll_seconds = 1', 'notice_retry_seconds = 1', 'notice_retry_max_seconds = 2', 'notice_max_attempts = 50']);
  setUp(ycr, config, check);
  refusals(base);
  notify = await startNotify(port);
  server = await startServer(ycr, config, path.join(dir, 'serve.log'));
  const champion = await signIn(server.base, 'champion1');
  const caseworker = await signIn(server.base, 'caseworker1');

  const first = await referAndAcknowledge(server.base, champion, caseworker, 'Adaeze', true);
  check(await until('the acknowledgement', () => mentioning(first).some((n) => n.template_id === generalTemplate)),
        'the acknowledgement reaches Notify with a token it accepts');
  const ack = mentioning(first).find((n) => n.template_id === generalTemplate) || {};
  check(ack.email_address === 'office@hamilton.example.org', 'to the school\'s notices address');
  check(/Status: received/.test(ack.personalisation?.body), 'with the status the referral page shows');
  check(/^notice-\d+$/.test(ack.reference || ''), 'with the notice\'s reference');
  check(await until('the task notice', () => mentioning(first).some((n) => n.template_id === taskTemplate)),
        'the task for adult social care goes with its own template');
  const task = mentioning(first).find((n) => n.template_id === taskTemplate) || {};
  check(task.email_address === 'duty@asc.example.org', 'to adult social care\'s notices address');
  // Everything sent but the template id, a random UUID that can hold "dad" or "2012" by chance.
  check(sent().every((n) => !/Adaeze|Okonkwo|2012|LE2|stroke|dad/.test(JSON.stringify({ ...n, template_id: '' }))),
        'nothing sent holds the child\'s name or details');

  fs.writeFileSync(path.join(dir, 'down'), '');
  const second = await referAndAcknowledge(server.base, champion, caseworker, 'Chidi');
  check(await until('a failed attempt', () => (noticeOf(second)?.attempts ?? 0) > 0), 'with Notify failing, it is tried');
  const waiting = noticeOf(second);
  check(waiting?.status === 'pending' && /GOV.UK Notify answered 500/.test(waiting.last_error),
        `and waits, pending, with Notify's answer (${JSON.stringify(waiting)})`);
  fs.rmSync(path.join(dir, 'down'));
  check(await until('the second', () => noticeOf(second)?.status === 'sent'), 'once Notify is back it is sent');
  await sleep(3000);  // time for a duplicate, were one to be sent
  check(mentioning(second).length === 1, 'exactly once');
  check(mentioning(first).filter((n) => n.template_id === generalTemplate).length === 1, 'and the first is not sent again');

  // A 400 is Notify saying the request itself is wrong: trying again changes nothing.
  fs.writeFileSync(path.join(dir, 'refuse'), '');
  const third = await referAndAcknowledge(server.base, champion, caseworker, 'Ngozi');
  check(await until('the refusal', () => noticeOf(third)?.status === 'failed'), 'a notice Notify refuses with 400 fails');
  const refused = noticeOf(third);
  check(refused?.attempts === 1 && /GOV.UK Notify answered 400: email_address Not a valid email address/.test(refused.last_error),
        `at once, with Notify's words (${JSON.stringify(refused)})`);
  await sleep(2500);  // past the retry delay, were it to be retried
  const refusedRequests = fs.readFileSync(path.join(dir, 'refused.jsonl'), 'utf8').split('\n').filter((l) => l.includes(third));
  check(refusedRequests.length === 1, `and is not tried again (${refusedRequests.length} requests)`);
  fs.rmSync(path.join(dir, 'refuse'));
} catch (e) {
  console.log(`FAIL: ${e.stack || e}`);
  failures += 1;
} finally {
  await tearDown({ server, standIn: notify, dir, failures });
}
console.log(failures === 0 ? 'notify: all passed' : `notify: ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
