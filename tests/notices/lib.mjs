// What the notices tests (notices.mjs: SMTP; notify.mjs: GOV.UK Notify) share: a register with a
// carers centre, a school and adult social care with notices addresses, and users; a referral from the school,
// acknowledged; waiting for a port or a condition.

import fs from 'node:fs';
import net from 'node:net';

import { PASSWORD, request, run, sleep, sql } from '../crash/lib.mjs';

export async function listening(port) {
  for (let i = 0; i < 200; ++i) {
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => s.end(() => resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) return;
    await sleep(50);
  }
  throw new Error(`nothing listened on ${port}`);
}

export async function until(what, test, ms = 20000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(200)) if (test()) return true;
  console.log(`gave up waiting for ${what}`);
  return false;
}

export function setUp(ycr, config, check) {
  const common = ['--config', config];
  run(ycr, ['migrate', ...common]);
  run(ycr, ['organisation', 'add', ...common, '--kind', 'carers_centre', '--name', 'Young carers service']);
  run(ycr, ['organisation', 'add', ...common, '--kind', 'school', '--name', 'Hamilton Academy', '--urn', '120345',
            '--notices-email', 'office@hamilton.example.org']);
  run(ycr, ['organisation', 'add', ...common, '--kind', 'adult_social_care', '--name', 'Leicester adult social care',
            '--notices-email', 'duty@asc.example.org']);
  const bad = run(ycr, ['organisation', 'add', ...common, '--kind', 'school', '--name', 'Soar Valley College',
                        '--urn', '120346', '--notices-email', 'not an address'], { allowFail: true });
  check(bad.status === 2, 'a notices address that is not an email address is refused');
  for (const [username, role, org] of [['caseworker1', 'caseworker', 'Young carers service'],
    ['champion1', 'referrer', 'Hamilton Academy']])
    run(ycr, ['user', 'add', ...common, '--username', username, '--role', role, '--organisation', org,
              '--password-stdin'], { input: `${PASSWORD}\n` });
}

// A referral from the school, acknowledged by the caseworker; its reference. The dad is known to adult
// social care unless `unknownToAdults`, when the referral makes a task (and a notice) for them.
export async function referAndAcknowledge(base, champion, caseworker, given, unknownToAdults = false) {
  const r = await request(base, 'POST', '/api/v1/referrals', {
    token: champion,
    body: {
      young_person: { given_name: given, family_name: 'Okonkwo', date_of_birth: '2012-04-03', postcode: 'LE2 7GH' },
      caring_summary: 'Looks after dad after his stroke',
      cared_for: [{ relationship: 'parent', conditions: ['mental_ill_health'], known_to_adult_social_care: !unknownToAdults }],
      young_person_aware: true, parent_aware: true,
    },
  });
  if (r.status !== 201) throw new Error(`referral: ${r.status} ${r.text}`);
  const cases = await request(base, 'GET', '/api/v1/cases', { token: caseworker });
  const c = cases.json.items.find((i) => i.young_carer_name.startsWith(given));
  const ack = await request(base, 'POST', `/api/v1/cases/${c.id}/events`, { token: caseworker, body: { event: 'acknowledge' } });
  if (ack.status !== 200) throw new Error(`acknowledge: ${ack.status} ${ack.text}`);
  return r.json.reference;
}

export const noticeOf = (db, reference) => sql(db, `SELECT status, attempts, last_error FROM notices
  WHERE kind = 'referral_acknowledged' AND subject LIKE '%${reference}%'`)[0];


// Stops the server and the stand-in it sent to (an SMTP or Notify stand-in), then removes the test's
// directory, or keeps it to look at when something failed.
export async function tearDown({ server, standIn, dir, failures }) {
  if (server) {
    server.child.kill('SIGTERM');
    await server.child.exited;
  }
  if (standIn && standIn.exitCode === null) {
    standIn.kill('SIGTERM');
    await standIn.exited;
  }
  if (failures === 0) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
