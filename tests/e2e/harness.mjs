// The browser tests' harness: a real `ycr serve` on a free port with a temporary database and
// accounts made through the CLI, Debian's chromium driven by playwright-core, axe-core on every
// page, and a full-page screenshot of every page under tests/e2e/artifacts/.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const sourceDir = resolve(process.env.YCR_SOURCE_DIR || join(here, '..', '..'));
export const artifactsDir = join(sourceDir, 'tests', 'e2e', 'artifacts');
export const PASSWORD = 'correct horse battery staple';
const axeSource = readFileSync(join(sourceDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export class Failure extends Error {}
export function check(condition, message) {
  if (!condition) throw new Failure(message);
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// Starts ycr on a temporary database with one account per role (made by the CLI, as an
// administrator would), and returns its base URL and a stop function.
export async function startService(ycrBinary) {
  const dir = mkdtempSync(join(tmpdir(), 'ycr-e2e-'));
  // Only these YCR_ variables reach ycr: a setting left in the caller's shell (YCR_PORT ...) would change it.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('YCR_')));
  // A mail server is configured, so staff are offered to email a survey link; nothing listens there, so
  // notices wait in the outbox (tests/notices delivers them to a real one).
  const mailPort = await freePort();
  const env = {
    ...inherited,
    YCR_DATABASE: join(dir, 'ycr.db'),
    YCR_KEY_DIR: join(dir, 'keys'),
    YCR_PASSWORD_HASH_COST: 'min',
    // The cookie keeps its Secure attribute: chromium treats http://127.0.0.1 as a secure context
    // and keeps Secure cookies there. E2E_SECURE_COOKIE=false tests the setting's other value.
    YCR_WEB_SECURE_COOKIE: process.env.E2E_SECURE_COOKIE || 'true',
    YCR_WEB_ASSETS_DIR: sourceDir,
    YCR_LOG_LEVEL: 'warn',
    YCR_SMTP_HOST: '127.0.0.1',
    YCR_SMTP_PORT: String(mailPort),
    // The journeys sign staff in with passwords; the second factor's pages have their own tests
    // (tests/services/web/web_security_test.cpp) and the contract's account steps.
    YCR_REQUIRE_SECOND_FACTOR: 'false',
    // The young adult carer journey's referral (LE3) goes to one adult carers' service of the two.
    YCR_ADULT_SOCIAL_CARE_BY_DISTRICT: 'LE3: Leicester City Council Adult Social Care',
  };
  const run = (args, input) => {
    const r = spawnSync(ycrBinary, args, { env, input, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ycr ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  run(['migrate']);
  run(['organisation', 'add', '--kind', 'carers_centre', '--name', 'Young carers service', '--district', 'Leicester']);
  // A second young carers service on the register, for the transfer journey.
  run(['organisation', 'add', '--kind', 'carers_centre', '--name', 'Rutland young carers', '--district', 'Rutland']);
  run(['organisation', 'add', '--kind', 'school', '--name', 'Hamilton Academy', '--urn', '120345']);
  run(['organisation', 'add', '--kind', 'commissioner', '--name', 'County commissioning']);
  run(['organisation', 'add', '--kind', 'adult_social_care', '--name', 'Leicester City Council Adult Social Care']);
  const accounts = [
    ['admin', 'admin', 'Young carers service', 'Ada Admin'],
    ['caseworker', 'caseworker', 'Young carers service', 'Sam Caseworker'],
    ['manager', 'team_manager', 'Young carers service', 'Mo Manager'],
    // The transfer journey's own manager: the admin journey gives `manager` a new password.
    ['mover', 'team_manager', 'Young carers service', 'Mel Mover'],
    ['rutland', 'caseworker', 'Rutland young carers', 'Rae Rutland'],
    ['champion', 'referrer', 'Hamilton Academy', 'Chris Champion'],
    ['commissioner', 'commissioner', 'County commissioning', 'Kim Commissioner'],
    ['dpo', 'auditor', 'County commissioning', 'Dee Protection'],
    ['adult_carers', 'referrer', 'Leicester City Council Adult Social Care', 'Ash Adults'],
  ];
  for (const [username, role, org, name] of accounts)
    run(['user', 'add', '--username', username, '--role', role, '--organisation', org, '--display-name', name,
         '--password-stdin'], PASSWORD + '\n');
  // A synthetic register, so the dashboards and reports have figures.
  run(['demo-data', '--young-carers', '60', '--seed', '7']);

  const port = await freePort();
  const child = spawn(ycrBinary, ['serve', '--bind', '127.0.0.1', '--port', String(port)], {
    env, stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
    if (i === 99) throw new Error('ycr serve did not start');
  }
  return {
    base,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'ycr-chromium-'));
  // An empty profile, no background traffic (the test machine has no internet access).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-default-apps'],
    viewport: { width: 1100, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A full-page screenshot, saved as an artefact for people. Screenshots used to be skipped now and
// then after 15 s: checkPage ran while the browser was still leaving the previous page (pressOn
// did not wait for the navigation a key press starts), so Playwright's capture began on a document
// being torn down. pressOn now waits for that navigation; here the page's fonts are awaited in the
// page itself and animations and the caret are frozen, so the capture needs no fresh frames. One
// retry absorbs a stall on a heavily loaded machine; a page without its screenshot fails the test.
async function fullPageScreenshot(page, path) {
  let last;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await page.evaluate(() => document.fonts.ready.then(() => document.fonts.status));
      await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide', timeout: 30000 });
      return;
    } catch (e) {
      last = e;
      console.warn(`screenshot attempt ${attempt} failed for ${path}: ${e.message.split('\n')[0]}`);
    }
  }
  throw new Failure(`no screenshot of ${path}: ${last.message.split('\n')[0]}`);
}

// One journey's browser page, with the checks made on every page it shows.
export class Journey {
  constructor(context, base, name) {
    this.context = context;
    this.base = base;
    this.name = name;
    this.count = 0;
    this.visited = [];
    this.problems = [];
  }

  async open() {
    await this.context.clearCookies();  // each journey starts signed out
    this.page = await this.context.newPage();
    // Any CSP violation or script error is a failure: the pages must need no inline code.
    this.page.on('console', (m) => {
      // A refusal or a form with errors is answered with its status (403, 422): not a problem.
      const documentStatus = m.text().startsWith('Failed to load resource') && m.location().url === this.page.url();
      if (m.type() === 'error' && !documentStatus) this.problems.push(`console error: ${m.text()}`);
    });
    this.page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
    return this.page;
  }

  // Checks the page now showing: axe-core (no serious or critical violations), the GOV.UK
  // template's parts, a title, and takes a full-page screenshot.
  async checkPage(label) {
    const page = this.page;
    await page.waitForLoadState('load');
    this.count += 1;
    const file = `${this.name}-${String(this.count).padStart(2, '0')}-${label}.png`;
    mkdirSync(artifactsDir, { recursive: true });
    await fullPageScreenshot(page, join(artifactsDir, file));
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    check(serious.length === 0,
          `${label}: axe-core found ${JSON.stringify(serious, null, 1)}`);
    check(await page.locator('html[lang="en"]').count() === 1, `${label}: no lang on html`);
    check(await page.locator('main#main-content').count() === 1, `${label}: no main landmark`);
    check(await page.locator('body.js-enabled').count() === 1, `${label}: the js-enabled script did not run`);
    check((await page.title()).endsWith('Young carers register'), `${label}: title is "${await page.title()}"`);
    check(this.problems.length === 0, `${label}: ${this.problems.join('; ')}`);
    this.visited.push(page.url());
    return { violations: result };
  }

  async goto(path, label) {
    await this.page.goto(this.base + path);
    return this.checkPage(label);
  }

  // Keyboard only: focus moves with Tab from the current position until the element is reached
  // (as a keyboard user would), then the key is pressed.
  async tabTo(locator, maxTabs = 80) {
    const target = await locator.elementHandle();
    check(target, 'tabTo: element not found');
    for (let i = 0; i < maxTabs; i++) {
      await this.page.keyboard.press('Tab');
      const reached = await this.page.evaluate((el) => document.activeElement === el, target);
      if (reached) return;
    }
    throw new Failure(`could not reach ${await locator.evaluate((e) => e.outerHTML.slice(0, 120))} with Tab`);
  }

  // Presses a key on the element reached by Tab. A link followed with Enter, or a form's submit
  // button pressed with Enter or Space, loads a new page: wait for it, so the next checks see it
  // (waiting for the load state alone returns at once, while the old page is still showing).
  async pressOn(locator, key = 'Enter') {
    await this.tabTo(locator);
    const navigates = await locator.evaluate((el, k) => {
      if (el.matches('a[href]')) return k === 'Enter' && !el.getAttribute('href').startsWith('#');
      if (el.matches('button:not([type="button"]), input[type="submit"]')) return el.form !== null && k !== 'Tab';
      return false;
    }, key);
    const press = this.page.keyboard.press(key === ' ' ? 'Space' : key);
    if (navigates) await Promise.all([this.page.waitForNavigation(), press]);
    else await press;
  }

  async typeInto(locator, text) {
    await this.tabTo(locator);
    await this.page.keyboard.type(text);
  }
}

// The JSON API, for what a journey needs set up but does not test (a referrer's system, or steps
// another journey takes through the pages).
export async function api(base, method, path, token, body) {
  const r = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

export async function signIn(journey, username, { keyboard = false } = {}) {
  const page = journey.page;
  await journey.goto('/sign-in', 'sign-in');
  if (keyboard) {
    await journey.typeInto(page.locator('#username'), username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  } else {
    await page.fill('#username', username);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in")')]);
  }
}
