#!/usr/bin/env node
// The API contract test: ycr behind Prism in proxy mode (--errors). Every routed operation is
// driven through the proxy, successes and refusals; any request or response that does not match
// services/openapi.json fails the test, and so does any described operation no step calls.
//
//   node tests/contract/run.mjs --ycr build/services/ycr [--spec services/openapi.json] [--keep]
//
// To cover a new route, add its requests to a step in steps/ (or a new step file, listed below).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Api, describedOperations, startServices } from './harness.mjs';
import service from './steps/service.mjs';
import sessions from './steps/sessions.mjs';
import admin from './steps/admin.mjs';
import referrals from './steps/referrals.mjs';
import youngCarers from './steps/young_carers.mjs';
import cases from './steps/cases.mjs';
import tasks from './steps/tasks.mjs';
import notices from './steps/notices.mjs';
import activities from './steps/activities.mjs';
import assessments from './steps/assessments.mjs';
import idCards from './steps/id_cards.mjs';
import identity from './steps/identity.mjs';
import statistics from './steps/statistics.mjs';
import audit from './steps/audit.mjs';
import subjectAccess from './steps/subject_access.mjs';
import retention from './steps/retention.mjs';
import account from './steps/account.mjs';
import households from './steps/households.mjs';
import consents from './steps/consents.mjs';
import schoolAttendance from './steps/school_attendance.mjs';
import feedback from './steps/feedback.mjs';
import surveys from './steps/surveys.mjs';
import champions from './steps/champions.mjs';

// In order: later steps use the accounts, records and cases made by earlier ones (ctx).
const STEPS = [service, sessions, admin, referrals, youngCarers, cases, tasks, notices, activities, assessments, idCards, identity,
  statistics, audit, subjectAccess, retention, account, households, consents,
  schoolAttendance, surveys, feedback, champions];

const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const ycr = option('--ycr');
const spec = path.resolve(option('--spec', path.join(sourceDir, 'services/openapi.json')));
const prism = option('--prism', path.join(sourceDir, 'node_modules/.bin/prism'));
if (!ycr) {
  console.error('usage: run.mjs --ycr PATH_TO_BUILT_YCR [--spec openapi.json] [--prism PATH] [--keep]');
  process.exit(2);
}
if (!fs.existsSync(prism)) {
  console.error(`Prism is not installed at ${prism}: run bash deploy/install-node-deps.sh`);
  process.exit(2);
}

const log = (line) => console.log(line);
const started = Date.now();
let services;
let exitCode = 1;
try {
  services = await startServices({ ycr: path.resolve(ycr), spec, prism, sourceDir });
  log(`ycr on ${services.upstream}, Prism proxy on ${services.proxyUrl} (${Date.now() - started} ms to start)`);
  const api = new Api({ proxyUrl: services.proxyUrl, upstream: services.upstream, log });
  const ctx = {};
  for (const step of STEPS) {
    const before = api.failures.length;
    try {
      await step(api, ctx);
    } catch (e) {
      api.fail(`step ${step.name}`, e.stack || String(e));
    }
    log(`${api.failures.length === before ? 'ok  ' : 'FAIL'} ${step.name}`);
  }
  // Coverage: every described operation was called at least once.
  const document = JSON.parse(fs.readFileSync(spec, 'utf8'));
  let untested = 0;
  for (const op of describedOperations(document)) {
    const seen = api.seen.get(op.key);
    if (!seen) {
      api.fail(op.key, 'described but never called by the contract test');
      continue;
    }
    const missing = op.statuses.filter((s) => !seen.has(s));
    untested += missing.length;
    const undocumented = [...seen].filter((s) => !op.statuses.includes(s));
    if (undocumented.length) api.fail(op.key, `answered ${undocumented.join(', ')}, which is not described`);
  }
  log(`${api.checks} requests; ${untested} described statuses not exercised (400/415/413 on most routes)`);
  if (api.failures.length) {
    log('\nFailures:');
    for (const f of api.failures) log(`  ${f}`);
    log(`\nPrism log: ${services.prismLog}\nycr log: ${services.ycrLog}`);
  }
  log(`${api.checks - api.failures.length} passed, ${api.failures.length} failed`);
  exitCode = api.failures.length ? 1 : 0;
} catch (e) {
  console.error(e.stack || String(e));
} finally {
  if (services) {
    services.stop();
    if (exitCode === 0 && !args.includes('--keep')) services.cleanUp();
  }
}
log(`contract test took ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(exitCode);
