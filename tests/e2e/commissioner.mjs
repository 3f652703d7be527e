// A commissioner reads the indicators and explores counts, then downloads them as CSV, by keyboard alone.
import { check, signIn } from './harness.mjs';

export async function commissionerJourney(journey) {
  const page = journey.page;
  await signIn(journey, 'commissioner', { keyboard: true });
  check(new URL(page.url()).pathname === '/reports/indicators', `signed in to ${page.url()}`);
  await journey.checkPage('indicators');
  const ratings = await page.locator('table .govuk-tag').allInnerTexts();
  check(ratings.length >= 5, `every indicator has a rating tag: ${ratings}`);
  check(ratings.every((r) => ['Red', 'Amber', 'Green', 'No rating'].includes(r.trim())), `ratings: ${ratings}`);
  check(await page.locator('.ycr-bar-chart__item').count() >= 1, 'a chart of the indicators');

  await journey.pressOn(page.locator('a.govuk-service-navigation__link', { hasText: 'Counts' }));
  await journey.checkPage('counts');
  // Asking without choosing a measure: the error is in the summary and beside the radios.
  await journey.pressOn(page.locator('button', { hasText: 'Show figures' }));
  await journey.checkPage('counts-error');
  check((await page.locator('.govuk-error-summary').innerText()).includes('Select what to count'), 'measure error');
  check((await page.locator('#measure-error').innerText()).includes('Select what to count'), 'beside the field');

  // The first choice of the radio group is reached with Tab and chosen with Space.
  await journey.pressOn(page.locator('input[name="measure"][value="referrals_received"]'), ' ');
  check(await page.locator('input[name="measure"][value="referrals_received"]').isChecked(), 'measure chosen');
  // A select is set by typing the start of an option while it has focus.
  await journey.tabTo(page.locator('#by'));
  await page.keyboard.type('Where');
  check(await page.locator('#by').inputValue() === 'route', 'breakdown chosen by typing');
  await journey.pressOn(page.locator('button', { hasText: 'Show figures' }));
  await journey.checkPage('counts-by-route');
  const rows = await page.locator('table tbody tr').count();
  check(rows >= 2, `counts table has rows (${rows})`);
  check((await page.locator('table tbody tr').last().innerText()).startsWith('Total'), 'with a total');

  const link = page.locator('a:has-text("Download these counts (CSV)")');
  const href = await link.getAttribute('href');
  const response = await page.request.get(journey.base + href);
  check(response.status() === 200, `CSV download status ${response.status()}`);
  check(response.headers()['content-type'].startsWith('text/csv'), 'CSV content type');
  const csv = await response.text();
  check(csv.startsWith('route,count\r\n'), `CSV header: ${csv.slice(0, 40)}`);

  await journey.tabTo(page.locator('#then_by'));
  await page.keyboard.type('Age');
  check(await page.locator('#then_by').inputValue() === 'age_band', 'second breakdown chosen by typing');
  await journey.pressOn(page.locator('button', { hasText: 'Show figures' }));
  await journey.checkPage('counts-by-route-and-age');

  // Breaks attended, the last measure: within a radio group the arrow keys move the choice.
  await journey.tabTo(page.locator('input[name="measure"][value="referrals_received"]'));
  for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowDown');
  check(await page.locator('input[name="measure"][value="breaks_attended"]').isChecked(),
        'breaks attended chosen with the arrow keys');
  await journey.pressOn(page.locator('button', { hasText: 'Show figures' }));
  await journey.checkPage('counts-breaks-attended');
  check((await page.locator('main').innerText()).includes('Breaks attended'), 'the figures say what they count');
}
