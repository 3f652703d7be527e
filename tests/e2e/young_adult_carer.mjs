// A young adult carer (18 to 25) referred by a school's champion: taken like any referral, never
// turned away (issue 21 item 3). The adult carers' service (adult social care for the area, by
// adult_social_care_by_district) finds the carer's assessment on its task list and accepts it; the
// young carers service sees the case marked as a young adult carer. Done by keyboard alone; axe-core checks each page.
import { PASSWORD, api, check, signIn } from './harness.mjs';

export async function youngAdultCarerJourney(journey) {
  const page = journey.page;
  const continueButton = page.locator('button', { hasText: 'Continue' });
  await journey.context.clearCookies();
  await signIn(journey, 'champion', { keyboard: true });
  await journey.goto('/referrals/new', 'start');
  await journey.pressOn(page.locator('a.govuk-button--start'));
  await journey.checkPage('young-person');
  await journey.typeInto(page.locator('#given_name'), 'Tomasz');
  await journey.typeInto(page.locator('#family_name'), 'Wiśniewski');
  await journey.typeInto(page.locator('#date-of-birth-day'), '14');
  await journey.typeInto(page.locator('#date-of-birth-month'), '2');
  await journey.typeInto(page.locator('#date-of-birth-year'), String(new Date().getFullYear() - 20));
  await journey.typeInto(page.locator('#postcode'), 'LE3 5AB');
  await journey.pressOn(continueButton);
  await journey.checkPage('caring');
  await journey.typeInto(page.locator('#caring_summary'), 'Looks after his mum, who has multiple sclerosis, and his sister at weekends');
  await journey.pressOn(page.locator('input[name="relationship"][value="parent"]'), ' ');
  await journey.pressOn(page.locator('input[name="conditions"][value="physical_illness_or_disability"]'), ' ');
  await journey.pressOn(continueButton);
  await journey.checkPage('consent');
  await journey.pressOn(page.locator('input[name="young_person_aware"][value="yes"]'), ' ');
  await journey.pressOn(page.locator('input[name="parent_aware"][value="yes"]'), ' ');
  // In a radio group Tab reaches the group and the arrow keys choose.
  await journey.tabTo(page.locator('input[name="safeguarding_concern"][value="yes"]'));
  await page.keyboard.press('ArrowDown');
  check(await page.locator('input[name="safeguarding_concern"][value="no"]').isChecked(), 'no safeguarding concern');
  await journey.pressOn(continueButton);
  await journey.checkPage('check-answers');
  await journey.pressOn(page.locator('button', { hasText: 'Accept and send' }));
  await journey.checkPage('confirmation');
  const reference = (await page.locator('.govuk-panel__body strong').innerText()).trim();
  check(/^[A-Z0-9-]{6,}$/.test(reference), `a 20-year-old's referral is taken, with a reference: "${reference}"`);
  await journey.goto('/referrals', 'referrals');
  const row = page.locator('tr', { hasText: reference });
  check((await row.locator('.govuk-tag').innerText()).trim() === 'Received', 'and listed as received');

  // The adult carers' service for the area has the carer's assessment to do.
  const login = async (username) =>
    (await api(journey.base, 'POST', '/api/v1/sessions', null, { username, password: PASSWORD })).token;
  // The case's number, as the service knows it (a referrer is not told it).
  const { case_id: caseId } = await api(journey.base, 'GET', `/api/v1/referrals/${reference}`, await login('caseworker'));
  const tasks = await api(journey.base, 'GET', '/api/v1/tasks?status=open', await login('adult_carers'));
  const task = tasks.items.find((t) => t.case_id === caseId);

  check(task?.kind === 'young_adult_carer_assessment', `adult social care has the assessment: ${JSON.stringify(task)}`);
  await journey.context.clearCookies();
  await signIn(journey, 'adult_carers', { keyboard: true });
  await journey.goto('/tasks', 'adult-services-tasks');
  const link = page.locator(`main a[href="/tasks/${task.id}"]`);
  check(await link.count() === 1, 'the task is on their list');
  await journey.pressOn(link);
  await journey.checkPage('task');
  check(!(await page.locator('main').innerText()).includes('Wiśniewski'), 'without the young person\'s name');
  await journey.pressOn(page.locator('button', { hasText: 'Accept task' }));
  await journey.checkPage('task-accepted');
  check((await page.locator('main').innerText()).includes('Task accepted'), 'accepted');

  // The young carers service keeps the case, marked as a young adult carer's.
  await journey.context.clearCookies();
  await signIn(journey, 'caseworker', { keyboard: true });
  await journey.goto(`/cases/${caseId}`, 'case');
  check(await page.locator('.govuk-tag', { hasText: 'Young adult carer' }).count() > 0, 'the case says young adult carer');
}
