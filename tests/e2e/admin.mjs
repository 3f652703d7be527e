// An administrator, by keyboard alone, adds an organisation (an error first), adds a user and
// reads their one-time password, deactivates that user and resets another's password, then names a
// school's young carer champion (an error first) and records that they stepped down.
import { check, signIn } from './harness.mjs';

// Signs in through the API with a password read off a page: proves the password works without
// leaving the administrator's browser session.
async function apiSignIn(journey, username, password) {
  const r = await journey.page.request.post(`${journey.base}/api/v1/sessions`, {
    data: { username, password }, failOnStatusCode: false,
  });
  return r.status() === 201 ? (await r.json()).token : null;
}

// The admin lists are long (the demo register has a hundred organisations), so a keyboard user
// goes back with Shift+Tab to what is above the focus, and may tab far down a table.
async function reach(journey, locator, { back = false, max = 400 } = {}) {
  const target = await locator.elementHandle();
  check(target, 'reach: element not found');
  for (let i = 0; i < max; i++) {
    await journey.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await journey.page.evaluate((el) => document.activeElement === el, target)) return;
  }
  check(false, `could not reach ${await locator.evaluate((e) => e.outerHTML.slice(0, 120))} with the keyboard`);
}

async function follow(journey, locator, options) {
  await reach(journey, locator, options);
  await Promise.all([journey.page.waitForNavigation(), journey.page.keyboard.press('Enter')]);
}

export async function adminJourney(journey) {
  const page = journey.page;
  await signIn(journey, 'admin', { keyboard: true });
  check(new URL(page.url()).pathname === '/admin/users', `signed in to ${page.url()}`);
  await journey.checkPage('users');
  check(await page.locator('table tbody tr').count() >= 5, 'the users are listed');

  // ---- an organisation, with an error first ----
  await journey.pressOn(page.locator('a.govuk-service-navigation__link', { hasText: 'Organisations' }));
  await journey.checkPage('organisations');
  await journey.pressOn(page.locator('a.govuk-button', { hasText: 'Add an organisation' }));
  await journey.checkPage('organisation-new');
  const name = "St Mary's <b>Primary</b>";
  await journey.typeInto(page.locator('#name'), name);
  // Tab reaches the radio group at its first choice (School); Space chooses it.
  await journey.pressOn(page.locator('#kind'), ' ');
  check(await page.locator('#kind').isChecked(), 'School is chosen with Space');
  await journey.typeInto(page.locator('#district'), 'Leicester');
  await journey.pressOn(page.locator('button', { hasText: 'Add organisation' }));
  await journey.checkPage('organisation-error');
  check((await page.title()).startsWith('Error: '), 'the title says there is an error');
  check((await page.locator('.govuk-error-summary').innerText()).includes("Enter the school's URN"), 'URN error');
  check((await page.locator('#identifier-error').innerText()).includes("Enter the school's URN"), 'beside the field');
  check(await page.locator('#name').inputValue() === name, 'the answers are kept');
  check(await page.evaluate(() => document.activeElement.closest('.govuk-error-summary') !== null),
        'focus moves to the error summary');
  // The summary's link takes the keyboard user to the field.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.activeElement.id) === 'identifier', 'the link focuses the field');
  await page.keyboard.type('130001');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await journey.checkPage('organisation-added');
  check((await page.locator('.govuk-notification-banner--success').innerText()).includes(`${name} has been added`),
        'a banner names the organisation as typed');
  const orgRow = page.locator('tr', { hasText: name });
  check(await orgRow.count() === 1, 'the organisation is listed');
  check((await orgRow.locator('.govuk-tag').innerText()).trim() === 'Active', 'as active');
  check(await page.locator('main b').count() === 0, 'markup in the name is shown as text');

  // ---- a user, and their one-time password ----
  await follow(journey, page.locator('a.govuk-service-navigation__link', { hasText: 'Users' }), { back: true });
  await journey.checkPage('users-again');
  await journey.pressOn(page.locator('a.govuk-button', { hasText: 'Add a user' }));
  await journey.checkPage('user-new');
  await journey.typeInto(page.locator('#display_name'), "Rhys O'Neill");
  await page.keyboard.press('Tab');
  await page.keyboard.type('rhys.oneill');
  // In a radio group Tab reaches the first choice and the arrow keys move the choice.
  await journey.tabTo(page.locator('#role'));
  await page.keyboard.press('ArrowDown');
  check(await page.locator('input[name="role"][value="caseworker"]').isChecked(), 'Caseworker chosen by arrow key');
  // A select chooses by typing the start of an option.
  await journey.tabTo(page.locator('#organisation_id'));
  await page.keyboard.type('Young carers');
  const chosen = await page.locator('#organisation_id option:checked').innerText();
  check(chosen === 'Young carers service', `organisation chosen by typing: ${chosen}`);
  await journey.pressOn(page.locator('button', { hasText: 'Add user' }));
  await journey.checkPage('user-added');
  check((await page.locator('.govuk-panel__title').innerText()).includes('User added'), 'confirmation panel');
  const password = (await page.locator('.ycr-one-time-password').innerText()).trim();
  check(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/.test(password), `a one-time password is shown: "${password}"`);
  check((await page.locator('main').innerText()).includes('Pass the password on securely'), 'with advice');
  const token = await apiSignIn(journey, 'rhys.oneill', password);
  check(token, 'the one-time password signs the new user in');
  const asRhys = () => page.request.get(`${journey.base}/api/v1/cases`, {
    headers: { Authorization: `Bearer ${token}` }, failOnStatusCode: false,
  });
  check((await asRhys()).status() === 403, 'the one-time password opens nothing but its replacement');
  const replaced = await page.request.post(`${journey.base}/api/v1/account/password`, {
    headers: { Authorization: `Bearer ${token}` }, failOnStatusCode: false,
    data: { current_password: password, new_password: 'amber lantern quiet river' },
  });
  check(replaced.status() === 204, `the new caseworker chooses their own password (${replaced.status()})`);
  check((await asRhys()).status() === 200, 'the new caseworker can see cases');
  check(!(await apiSignIn(journey, 'rhys.oneill', password)), 'the one-time password worked once');

  // ---- deactivate the new user ----
  await journey.pressOn(page.locator('main a', { hasText: 'Back to users' }));
  await journey.checkPage('users-with-new');
  const rhysRow = page.locator('tr', { hasText: 'rhys.oneill' });
  check(!(await page.locator('main').innerText()).includes(password), 'the password is not shown again');
  await follow(journey, rhysRow.locator('a', { hasText: 'Deactivate' }));
  await journey.checkPage('user-deactivate-confirm');
  check((await page.locator('h1').innerText()).includes("Deactivate Rhys O'Neill?"), 'confirmation heading');
  await journey.pressOn(page.locator('button', { hasText: 'Deactivate user' }));
  await journey.checkPage('user-deactivated');
  check((await page.locator('.govuk-notification-banner--success').innerText()).includes('has been deactivated'),
        'deactivation banner');
  check((await page.locator('tr', { hasText: 'rhys.oneill' }).locator('.govuk-tag').innerText()).trim() ===
        'Deactivated', 'tagged as deactivated');
  check((await asRhys()).status() === 401, 'their session ended at once');

  // ---- reset another user's password ----
  const managerRow = page.locator('tr', { hasText: 'Mo Manager' });
  await follow(journey, managerRow.locator('a', { hasText: 'Reset password' }));
  await journey.checkPage('reset-confirm');
  await journey.pressOn(page.locator('button', { hasText: 'Reset password' }));
  await journey.checkPage('password-reset');
  const fresh = (await page.locator('.ycr-one-time-password').innerText()).trim();
  check(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/.test(fresh), `a new one-time password: "${fresh}"`);
  check(await apiSignIn(journey, 'manager', fresh), 'the new password works');

  // ---- a school's young carer champion, named and stepping down ----
  await journey.goto('/schools', 'schools');
  check(/\d+ of \d+ schools on the register have a young carer champion in post today/
    .test(await page.locator('main').innerText()), 'the schools with a champion are counted');
  const school = await page.locator('main a', { hasText: 'Hamilton Academy' }).first().getAttribute('href');
  await journey.goto(school, 'school');
  const champion = "Mrs Siân O'Brien-Patel";
  await journey.typeInto(page.locator('#name'), champion);
  await journey.typeInto(page.locator('#post'), '<i>SENCo</i>');
  await journey.typeInto(page.locator('#since-day'), '2');
  await journey.typeInto(page.locator('#since-month'), '9');
  await journey.typeInto(page.locator('#since-year'), '2099');
  await journey.pressOn(page.locator('button', { hasText: 'Name the champion' }));
  await journey.checkPage('champion-error');
  check((await page.locator('#since-error').innerText()).includes('cannot be after today'), 'a day to come is refused');
  check(await page.locator('#name').inputValue() === champion, 'the answers are kept');
  await page.locator('#since-year').fill('2024');
  await journey.pressOn(page.locator('button', { hasText: 'Name the champion' }));
  await journey.checkPage('champion-named');
  const row = page.locator('tr', { hasText: champion });
  check((await row.innerText()).includes('<i>SENCo</i>'), 'the post is shown as typed, as text');
  await journey.pressOn(row.locator('a', { hasText: 'Record that they stepped down' }));
  await journey.checkPage('champion-end');
  const today = new Date();
  await journey.typeInto(page.locator('#until-day'), String(today.getDate()));
  await journey.typeInto(page.locator('#until-month'), String(today.getMonth() + 1));
  await journey.typeInto(page.locator('#until-year'), String(today.getFullYear()));
  await journey.typeInto(page.locator('#reason'), 'Left the school');
  await journey.pressOn(page.locator('button', { hasText: 'Record it' }));
  await journey.checkPage('champion-stepped-down');
  check((await page.locator('tr', { hasText: champion }).innerText()).includes('Left the school'), 'why, kept');

  // Other roles cannot see the admin pages: checked in the C++ tests; here, signing out.
  await journey.pressOn(page.locator('button', { hasText: 'Sign out' }));
  await journey.checkPage('signed-out');
}
