// The data protection officer answers a young person's request: finds their record among every
// service's, reads it, places a legal hold and downloads everything held, by keyboard alone.
import { check, signIn } from './harness.mjs';

export async function dataProtectionJourney(journey) {
  const page = journey.page;
  await journey.context.clearCookies();
  await signIn(journey, 'dpo', { keyboard: true });
  await journey.pressOn(page.locator('a.govuk-service-navigation__link', { hasText: 'Records' }));
  await journey.checkPage('records');
  await journey.pressOn(page.locator('button', { hasText: 'Search' }));
  await journey.checkPage('records-error');
  check((await page.locator('#q-error').innerText()).includes('Enter a name'), 'the name is asked for beside its field');
  await journey.typeInto(page.locator('#q'), 'Ellie');
  await journey.pressOn(page.locator('button', { hasText: 'Search' }));
  await journey.checkPage('records-found');
  check(new URL(page.url()).pathname === '/data-protection/records', 'the names searched for stay out of the address');
  const link = page.locator('tr', { hasText: 'Marsh-Zo' }).locator('a');
  check(await link.count() === 1, 'the young carer made in the caseworker journey is found');
  await journey.pressOn(link);
  await journey.checkPage('record');
  check((await page.locator('main').innerText()).includes('Current record'), 'where the record is held');
  await journey.typeInto(page.locator('#hold_reason'), 'Complaint under investigation');
  await journey.pressOn(page.locator('button', { hasText: 'Place hold' }));
  await journey.checkPage('record-held');
  check((await page.locator('main').innerText()).includes('Complaint under investigation'), 'the hold is shown');
  const exportHref = await page.locator('a', { hasText: 'Export as a document to print' }).getAttribute('href');
  const exported = await page.request.get(journey.base + exportHref);
  check(exported.status() === 200, `export status ${exported.status()}`);
  check((await exported.text()).includes('Marsh-Zo'), 'the export holds the record');
}
