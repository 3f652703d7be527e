// A child moves area: a team manager transfers the case to the other young carers service on the register
// (issue 21, several services on one register). The transfer page is reached and answered by keyboard,
// its errors sit beside their fields, and afterwards the case is the receiving service's, with the
// reason in its history. axe-core checks each page.
import { PASSWORD, api, check, signIn } from './harness.mjs';

export async function transferJourney(journey) {
  const page = journey.page;
  const base = journey.base;
  const token = (await api(base, 'POST', '/api/v1/sessions', null, { username: 'mover', password: PASSWORD })).token;
  const receipt = await api(base, 'POST', '/api/v1/referrals', token, {
    young_person: { given_name: 'Rhys', family_name: "O'Neill-Jones", date_of_birth: '2013-09-21', postcode: 'LE5 3AB' },
    caring_summary: 'Helps his dad, who uses a wheelchair, get ready in the mornings',
    cared_for: [{ relationship: 'parent', conditions: ['physical_illness_or_disability'] }],
    young_person_aware: true,
    parent_aware: true,
  });
  const { case_id: caseId } = await api(base, 'GET', `/api/v1/referrals/${receipt.reference}`, token);

  await journey.context.clearCookies();
  await signIn(journey, 'mover', { keyboard: true });
  await journey.goto(`/cases/${caseId}`, 'transfer-case');
  await journey.pressOn(page.locator('a', { hasText: 'Transfer to another service' }));
  await journey.checkPage('transfer-question');
  await journey.pressOn(page.locator('button', { hasText: 'Transfer the case' }));
  await journey.checkPage('transfer-errors');
  check((await page.title()).startsWith('Error: '), 'the title says there is an error');
  check(await page.locator('#assign_team-error').count() === 1, 'the service is asked for beside its field');
  check(await page.locator('#reason-error').count() === 1, 'the reason is asked for beside its field');
  await journey.pressOn(page.locator('input[name="assign_team"][value="Rutland young carers"]'), ' ');
  await journey.typeInto(page.locator('#reason'), 'The family moved to Oakham <in June>');
  await journey.pressOn(page.locator('button', { hasText: 'Transfer the case' }));
  await journey.checkPage('transfer-done');
  check((await page.locator('main').innerText()).includes(`Case ${caseId} was transferred`), 'the dashboard says so');
  const gone = await fetch(`${base}/api/v1/cases/${caseId}`, { headers: { Authorization: `Bearer ${token}` } });
  check(gone.status === 404, `the sending service no longer sees the case: ${gone.status}`);
  const rutland = (await api(base, 'POST', '/api/v1/sessions', null, { username: 'rutland', password: PASSWORD })).token;
  const timeline = await api(base, 'GET', `/api/v1/cases/${caseId}/timeline`, rutland);
  check(timeline.events.some((e) => (e.reason || '').includes('The family moved to Oakham <in June>')),
    'the receiving service reads the reason, as typed, in the history');
}
