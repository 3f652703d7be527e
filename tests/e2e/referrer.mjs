// A school young carer champion refers a young carer, by keyboard alone, and follows its status.
import { check, signIn } from './harness.mjs';

export async function referrerJourney(journey) {
  const page = journey.page;
  await signIn(journey, 'champion', { keyboard: true });
  check(new URL(page.url()).pathname === '/referrals', `signed in to ${page.url()}`);
  await journey.checkPage('referrals-empty');

  await journey.pressOn(page.locator('a.govuk-service-navigation__link', { hasText: 'Make a referral' }));
  await journey.checkPage('start');
  await journey.pressOn(page.locator('a.govuk-button--start'));
  await journey.checkPage('young-person');

  // Continue with nothing entered: every problem in the summary and beside its field.
  await journey.pressOn(page.locator('button', { hasText: 'Continue' }));
  await journey.checkPage('young-person-errors');
  check((await page.title()).startsWith('Error: '), 'the title says there is an error');
  const summary = await page.locator('.govuk-error-summary__list a').allInnerTexts();
  const inline = await page.locator('.govuk-error-message').allInnerTexts();
  check(summary.includes("Enter the young person's first name"), `summary: ${summary}`);
  check(summary.includes('Enter the date of birth'), `summary: ${summary}`);
  check(summary.length === 4 && inline.length === 4, `summary ${summary.length} inline ${inline.length}`);
  check(await page.evaluate(() => document.activeElement.closest('.govuk-error-summary') !== null),
        'focus moves to the error summary');
  // The summary's link takes the keyboard user to the field.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  check(await page.evaluate(() => document.activeElement.id) === 'given_name', 'the link focuses the field');

  await page.keyboard.type('Zoë');
  await page.keyboard.press('Tab');
  await page.keyboard.type("O'Brien-Smith");
  await journey.typeInto(page.locator('#date-of-birth-day'), '3');
  await page.keyboard.press('Tab');
  await page.keyboard.type('4');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2012');
  await journey.typeInto(page.locator('#postcode'), 'LE2 7GH');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await journey.checkPage('caring');

  await journey.typeInto(page.locator('#caring_summary'), 'Helps mum with her medication <script>alert(1)</script>');
  await journey.pressOn(page.locator('#relationship'), ' ');
  await journey.pressOn(page.locator('input[name="conditions"][value="mental_ill_health"]'), ' ');
  await journey.pressOn(page.locator('button', { hasText: 'Continue' }));
  await journey.checkPage('consent');

  await journey.pressOn(page.locator('#young_person_aware'), ' ');
  await journey.pressOn(page.locator('#parent_aware'), ' ');
  // In a radio group Tab reaches the group and the arrow keys choose.
  await journey.tabTo(page.locator('#safeguarding_concern'));
  await page.keyboard.press('ArrowDown');
  check(await page.locator('#safeguarding_concern-2').isChecked(), 'No is chosen with the arrow key');
  await journey.pressOn(page.locator('button', { hasText: 'Continue' }));
  await journey.checkPage('check-answers');
  const answers = await page.locator('.govuk-summary-list').first().innerText();
  check(answers.includes("Zoë O'Brien-Smith"), `answers show the name as typed: ${answers}`);
  check((await page.locator('.govuk-summary-list').nth(1).innerText()).includes('<script>alert(1)</script>'),
        'text with markup is shown as text');
  check(await page.locator('.govuk-summary-list script').count() === 0, 'no script element from the answers');

  // Change an answer and come back to check your answers.
  await journey.pressOn(page.locator('a', { hasText: 'Change postcode' }));
  await journey.checkPage('change-postcode');
  const postcode = page.locator('#postcode');
  await journey.tabTo(postcode);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('le2 7gh');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(new URL(page.url()).pathname === '/referrals/new/check', 'back to check your answers');
  await journey.checkPage('check-answers-changed');

  await journey.pressOn(page.locator('button', { hasText: 'Accept and send' }));
  await journey.checkPage('confirmation');
  const reference = (await page.locator('.govuk-panel__body strong').innerText()).trim();
  check(/^[A-Z0-9-]{6,}$/.test(reference), `a reference is shown: "${reference}"`);

  await journey.pressOn(page.locator('main a', { hasText: 'your referrals' }));
  await journey.checkPage('referrals');
  const row = page.locator('tr', { hasText: reference });
  check(await row.count() === 1, 'the new referral is listed');
  check((await row.locator('.govuk-tag').innerText()).trim() === 'Received', 'with its status');

  // Pages for other roles are refused.
  await page.goto(journey.base + '/reports/indicators');
  await journey.checkPage('refused');
  check((await page.locator('h1').innerText()).includes('You cannot see this page'), 'a referrer cannot see reports');

  await journey.pressOn(page.locator('button', { hasText: 'Sign out' }));
  await journey.checkPage('signed-out');
  await page.goto(journey.base + '/referrals');
  check(new URL(page.url()).pathname === '/sign-in', 'after signing out the pages ask to sign in');
  return reference;
}
