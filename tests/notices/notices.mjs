// Notices delivered to a real mail server (aiosmtpd, Debian's python3-aiosmtpd): a school with a
// notices address refers a child; the caseworker's acknowledgement reaches the school's mailbox with
// the reference and status and without the child's name. Then, with the mail server down, a second
// acknowledgement waits in the outbox (pending, attempts > 0) and arrives exactly once when the server
// is back. A young person's survey link reaches the address they gave for it and leaves the outbox
// once sent. Then STARTTLS: to a server that requires it, sent only over TLS to a certificate trusted.
//   node tests/notices/notices.mjs PATH_TO_YCR SOURCE_DIR

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort, request, run, signIn, sleep, sql, startServer, writeConfig } from '../crash/lib.mjs';
import { listening, noticeOf as noticeIn, referAndAcknowledge, setUp, tearDown, until } from './lib.mjs';

const [ycr, sourceDir] = process.argv.slice(2);
if (!ycr || !sourceDir) {
  console.error('usage: notices.mjs PATH_TO_YCR SOURCE_DIR');
  process.exit(2);
}
// Debian's interpreter, where python3-aiosmtpd is installed (a python3 first on PATH may be another).
const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
if (spawnSync(python, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status !== 0) {
  console.log('notices: skipped, python3-aiosmtpd is not installed (deploy/install-deps.sh installs it)');
  process.exit(77);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ycr-notices-'));
const db = path.join(dir, 'ycr.db');
const maildir = path.join(dir, 'mail');
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}`);
  if (!ok) failures += 1;
};

async function startMail(port) {
  const child = spawn(python, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox',
                               maildir], { stdio: ['ignore', 'ignore', 'inherit'] });
  child.exited = new Promise((resolve) => child.once('exit', resolve));
  await listening(port);
  return child;
}

// Every message in the mailbox, as text.
function messages() {
  const fresh = path.join(maildir, 'new');
  if (!fs.existsSync(fresh)) return [];
  return fs.readdirSync(fresh).map((f) => fs.readFileSync(path.join(fresh, f), 'utf8'));
}

// A message's text as a mail client shows it: the body is quoted-printable (RFC 2045), whose soft line
// breaks split a long link.
// Whether a message names anything of the young person's: whole words only, outside the survey link,
// since a random token or MIME boundary may hold "dad" or "2012" by chance.
const namesTheChild = (m, link = '') =>
  /\b(Adaeze|Okonkwo|2012|LE2|stroke|dad)\b/i.test(link ? m.split(link).join(' ') : m);
const readable = (m) => m.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));

const noticeOf = (reference) => noticeIn(db, reference);

// STARTTLS (smtp_starttls), to a mail server that refuses mail until the session is encrypted
// (aiosmtpd --tlscert, which requires TLS), with a certificate for localhost that no public
// authority signed: sent only when smtp_ca_file trusts it, never in the clear, and a password is
// never sent in the clear to another host.
async function startTls() {
  const cert = path.join(dir, 'mail.crt');
  const key = path.join(dir, 'mail.key');
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
                  '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']);
  const port = await freePort();
  const box = path.join(dir, 'mail-tls');
  const tls = spawn(python, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '--tlscert', cert, '--tlskey', key,
                             '-c', 'aiosmtpd.handlers.Mailbox', box], { stdio: 'ignore' });  // its handshake failures are expected
  tls.exited = new Promise((resolve) => tls.once('exit', resolve));
  try {
    await listening(port);
    sql(db, `INSERT INTO notices(kind, address, subject, body, created_at, next_attempt_at) VALUES
      ('referral_acknowledged', 'office@hamilton.example.org', 'Referral TLS-1: received',
       'Your referral TLS-1 has been acknowledged.', '2026-01-01T00:00:00Z', '2000-01-01T00:00:00Z')`);
    const tlsNotice = () => sql(db, "SELECT status, attempts, last_error FROM notices WHERE subject LIKE '%TLS-1%'")[0];
    const delivered = () => {
      const fresh = path.join(box, 'new');
      return fs.existsSync(fresh) ? fs.readdirSync(fresh).map((f) => fs.readFileSync(path.join(fresh, f), 'utf8')) : [];
    };
    const deliver = (lines) => {
      sql(db, "UPDATE notices SET next_attempt_at = '2000-01-01T00:00:00Z' WHERE subject LIKE '%TLS-1%'");
      const config = writeConfig(fs.mkdtempSync(path.join(dir, 'tls-')), db, sourceDir,
                                 ['smtp_host = localhost', `smtp_port = ${port}`, ...lines]);
      return run(ycr, ['notices', 'deliver', '--config', config], { allowFail: true });
    };
    deliver([]);
    check(tlsNotice().status === 'pending' && /STARTTLS/i.test(tlsNotice().last_error) && delivered().length === 0,
          `without smtp_starttls the server takes nothing (${tlsNotice().last_error})`);
    deliver(['smtp_starttls = true']);
    check(tlsNotice().status === 'pending' && /certificate/i.test(tlsNotice().last_error) && delivered().length === 0,
          `with STARTTLS, a certificate no trusted authority signed is refused (${tlsNotice().last_error})`);
    deliver(['smtp_starttls = true', `smtp_ca_file = ${cert}`]);
    check(tlsNotice().status === 'sent' && delivered().some((m) => m.includes('TLS-1')),
          `trusted through smtp_ca_file, it is sent over TLS (${JSON.stringify(tlsNotice())})`);
    const clear = deliver(['smtp_host = mail.example.org', 'smtp_user = notices', 'smtp_password = secret']);
    check(clear.status !== 0 && clear.stderr.includes('smtp_starttls'),
          `a password for another host without STARTTLS stops the start (${clear.stderr.trim()})`);
  } finally {
    tls.kill('SIGTERM');
    await tls.exited;
  }
}

let mail;
let server;
try {
  const mailPort = await freePort();
  const config = writeConfig(dir, db, sourceDir, [`smtp_host = 127.0.0.1`, `smtp_port = ${mailPort}`,
    'smtp_from = young-carers@service.example.org', 'notice_poll_seconds = 1', 'notice_retry_seconds = 1',
    'notice_retry_max_seconds = 2', 'notice_max_attempts = 50']);
  setUp(ycr, config, check);
  mail = await startMail(mailPort);
  server = await startServer(ycr, config, path.join(dir, 'serve.log'));
  const champion = await signIn(server.base, 'champion1');
  const caseworker = await signIn(server.base, 'caseworker1');

  const first = await referAndAcknowledge(server.base, champion, caseworker, 'Adaeze');
  check(await until('the first email', () => messages().some((m) => m.includes(first))), 'the acknowledgement is emailed');
  const email = messages().find((m) => m.includes(first)) || '';
  check(/^To: <?office@hamilton\.example\.org/m.test(email), 'to the school\'s notices address');
  check(/Status: received/.test(email), 'with the status the referral page shows');
  check(/^Message-ID: <notice-\d+@service\.example\.org>/mi.test(email), 'with a stable Message-ID');
  check(!namesTheChild(email), 'without the child\'s name or details');

  mail.kill('SIGTERM');
  await mail.exited;
  const second = await referAndAcknowledge(server.base, champion, caseworker, 'Chidi');
  check(await until('a failed attempt', () => (noticeOf(second)?.attempts ?? 0) > 0), 'with the mail server down, it is tried');
  const waiting = noticeOf(second);
  check(waiting?.status === 'pending' && waiting.last_error !== '', `and waits, pending (${JSON.stringify(waiting)})`);

  mail = await startMail(mailPort);
  check(await until('the second email', () => noticeOf(second)?.status === 'sent'), 'once the server is back it is sent');
  await sleep(3000);  // time for a duplicate, were one to be sent
  check(messages().filter((m) => m.includes(second)).length === 1, 'exactly once');
  check(messages().filter((m) => m.includes(first)).length === 1, 'and the first is not sent again');

  // A young person's survey link, emailed to the address they gave: it arrives with the link, and the
  // outbox then keeps neither the address nor the link.
  const referral = await request(server.base, 'GET', `/api/v1/referrals/${first}`, { token: caseworker });
  const invited = await request(server.base, 'POST', '/api/v1/surveys/invitations', {
    token: caseworker,
    body: { young_carer_id: referral.json.young_carer_id, survey_id: 'feeling-heard', occasion: 'asked',
            send_to: "ada.o'neill@home.example.org" },
  });
  check(invited.status === 201 && invited.json.emailed === true, `a survey link is made and emailed (${invited.status})`);
  const link = invited.json?.link ?? 'no link';
  const withLink = () => messages().map(readable).find((m) => m.includes(link));
  check(await until('the survey email', () => withLink() !== undefined), 'the survey link arrives, whole');
  const survey = withLink() || '';
  check(/^To: <?ada\.o'neill@home\.example\.org/m.test(survey), 'at the address given for it');
  check(!namesTheChild(survey, link), 'saying nothing about the young person');
  const kept = sql(db, "SELECT status, address, body FROM notices WHERE kind = 'survey_link'")[0];
  check(kept?.status === 'sent' && kept.address === '' && !kept.body.includes(link),
        `once sent, the outbox keeps neither address nor link (${JSON.stringify(kept)})`);

  server.child.kill('SIGTERM');
  await server.child.exited;
  server = undefined;
  await startTls();
} catch (e) {
  console.log(`FAIL: ${e.stack || e}`);
  failures += 1;
} finally {
  await tearDown({ server, standIn: mail, dir, failures });
}
console.log(failures === 0 ? 'notices: all passed' : `notices: ${failures} failure(s)`);
process.exit(failures === 0 ? 0 : 1);
