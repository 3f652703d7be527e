// A caseworker finds the new referral's case on the dashboard, moves it on with the buttons the
// pathway allows, and registers a young carer (errors first, then correctly).
import { check, signIn } from './harness.mjs';

export async function caseworkerJourney(journey) {
  const page = journey.page;
  await signIn(journey, 'caseworker', { keyboard: true });
  check(new URL(page.url()).pathname === '/cases', `signed in to ${page.url()}`);
  await journey.checkPage('dashboard');
  check(await page.locator(':is(caption, h2)', { hasText: 'Your cases' }).count() === 1, 'my cases');
  check(await page.locator(':is(caption, h2)', { hasText: 'Overdue cases' }).count() === 1, 'overdue cases');

  const link = page.locator('a', { hasText: "Zoë O'Brien-Smith" }).first();
  check(await link.count() === 1, "the referred young carer's case is listed");
  await journey.pressOn(link);
  await journey.checkPage('case');
  check((await page.locator('h1').innerText()).includes("Zoë O'Brien-Smith"), 'case page heading');
  check(await page.locator('.govuk-summary-list .govuk-tag').first().innerText() === 'Referred', 'stage tag');

  // Closing needs a reason: the error is in the summary and beside the field.
  await journey.pressOn(page.locator('button', { hasText: 'Close case' }));
  await journey.checkPage('case-close-error');
  check((await page.locator('.govuk-error-summary').innerText()).includes('Select a reason for closing the case'),
        'close reason error');
  check(await page.locator('#close_reason-error').count() === 1, 'beside the field');

  await journey.pressOn(page.locator('button', { hasText: 'Acknowledge and screen' }));
  await journey.checkPage('case-acknowledged');
  check((await page.locator('.govuk-notification-banner--success').innerText()).includes('Acknowledge'), 'banner');
  check(await page.locator('.govuk-summary-list .govuk-tag').first().innerText() === 'Screening', 'moved on');
  check(await page.locator('table tbody tr').count() >= 2, 'the timeline has the step');

  await journey.pressOn(page.locator('button', { hasText: 'Accept for assessment' }));
  await journey.checkPage('case-accepted');
  check(await page.locator('.govuk-summary-list .govuk-tag').first().innerText() === 'Awaiting assessment', 'accepted');

  await journey.pressOn(page.locator('a.govuk-service-navigation__link', { hasText: 'Young carers' }));
  await journey.checkPage('find');
  await journey.typeInto(page.locator('#q'), 'zoe');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await journey.checkPage('find-results');
  check(await page.locator('table a', { hasText: "Zoë O'Brien-Smith" }).count() === 1, 'accent-insensitive search');

  await journey.pressOn(page.locator('a', { hasText: 'Register a young carer' }));
  await journey.checkPage('register');
  await journey.typeInto(page.locator('#given_name'), '<script>Tom</script>');
  await journey.pressOn(page.locator('button', { hasText: 'Register young carer' }));
  await journey.checkPage('register-errors');
  const summary = await page.locator('.govuk-error-summary__list a').allInnerTexts();
  check(summary.includes("Enter the young carer's last name") && summary.includes('Enter the date of birth'),
        `register errors: ${summary}`);
  check(await page.locator('#given_name').inputValue() === '<script>Tom</script>', 'answers are kept as typed');
  await page.fill('#given_name', 'Tomás');
  await page.fill('#family_name', 'Nowak');
  await page.fill('#date-of-birth-day', '14');
  await page.fill('#date-of-birth-month', '9');
  await page.fill('#date-of-birth-year', '2011');
  await page.fill('#postcode', 'LE5 3BX');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Register young carer")')]);
  await journey.checkPage('registered');
  check((await page.locator('h1').innerText()).includes('Tomás Nowak'), 'the new record');
}
