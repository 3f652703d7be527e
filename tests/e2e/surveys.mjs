// Surveys: a caseworker makes a single-use link for a young carer from the case's surveys page, emailed to
// the address she gave (mistyped first); the young
// person opens it signed out (as on their phone), answers some questions and sends them; the link then
// says it has been used. A commissioner sees the surveys and a survey's results. axe-core checks each page.
import { PASSWORD, api, check, signIn } from './harness.mjs';

const submit = (page, text) =>
  Promise.all([page.waitForNavigation(), page.click(`button:has-text("${text}")`)]);

export async function surveysJourney(journey) {
  const page = journey.page;
  const base = journey.base;
  const token = (await api(base, 'POST', '/api/v1/sessions', null, { username: 'caseworker', password: PASSWORD })).token;
  const receipt = await api(base, 'POST', '/api/v1/referrals', token, {
    young_person: { given_name: 'Maisie', family_name: "D'Souza", date_of_birth: '2011-02-14', postcode: 'LE4 6AB' },
    caring_summary: 'Looks after her brother while her dad is in hospital',
    cared_for: [{ relationship: 'parent', conditions: ['physical_illness_or_disability'] }],
    young_person_aware: true,
    parent_aware: true,
  });
  const detail = await api(base, 'GET', `/api/v1/referrals/${receipt.reference}`, token);

  await journey.context.clearCookies();
  await signIn(journey, 'caseworker');
  await journey.goto('/surveys', 'surveys-due');
  await journey.goto(`/cases/${detail.case_id}/surveys`, 'case-surveys');
  await page.check('input[name="survey_id"][value="feeling-heard"]');
  // She asked for it by email: a mistyped address is said beside its field, then it is made and emailed.
  await page.fill('#send_to', 'maisie at home');
  await submit(page, 'Make a link');
  await journey.checkPage('case-surveys-errors');
  check(await page.locator('#send_to-error').count() === 1, 'a mistyped address is said beside its field');
  await page.fill('#send_to', "maisie.d'souza@example.org");
  await submit(page, 'Make a link');
  await journey.checkPage('survey-link');
  check((await page.locator('main').innerText()).includes('It is being emailed'), 'the link is being emailed');
  const link = await page.inputValue('#survey-link');
  check(/\/survey\/[0-9a-f]{64}$/.test(link), `a link with a long token: ${link}`);
  const path = new URL(link).pathname;

  // The young person: signed out, no account.
  await journey.context.clearCookies();
  await journey.goto(path, 'survey-form');
  check(!(await page.locator('main').innerText()).includes('Maisie'), 'the survey page does not say whose it is');
  await page.check('input[name="q1"][value="5"]');
  await page.check('input[name="q3"][value="4"]');
  await submit(page, 'Send my answers');
  await journey.checkPage('survey-thanks');
  check((await page.locator('h1').innerText()).includes('Thank you'), 'thanked');
  await journey.goto(path, 'survey-used');
  check((await page.locator('h1').innerText()).includes('already been answered'), 'a used link says so');

  await signIn(journey, 'commissioner');
  await journey.goto('/surveys', 'surveys-commissioner');
  await journey.goto('/surveys/feeling-heard/results', 'survey-results');
}
