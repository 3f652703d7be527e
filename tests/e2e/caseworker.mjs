// A caseworker finds the new referral's case on the dashboard, moves it on with the buttons the
// pathway allows, registers a young carer (errors first, then correctly), completes a review that
// starts transition and hands a 17-year-old over to adult services. Keyboard only throughout.
import { readFileSync } from 'node:fs';

import { PASSWORD, api, check, signIn } from './harness.mjs';

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
  // What the referrer said the young carer does (as typed, never as markup), for whom, and the task it
  // left for adult services.
  const caseText = await page.locator('main').innerText();
  check(caseText.includes('Helps mum with her medication <script>alert(1)</script>'), 'the caring summary, as typed');
  check(await page.locator('main script').count() === 0, 'no script element from the caring summary');
  check(caseText.includes('Mental ill health'), 'the person cared for and their conditions');
  check(caseText.includes('Adult social care to assess the needs of the cared-for'), 'the task for adult services');

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
  // Corrected by keyboard: select the first name and type over it, then Tab through the rest.
  await journey.tabTo(page.locator('#given_name'));
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Tomás');
  await journey.typeInto(page.locator('#family_name'), 'Nowak');
  await journey.typeInto(page.locator('#date-of-birth-day'), '14');
  await journey.typeInto(page.locator('#date-of-birth-month'), '9');
  await journey.typeInto(page.locator('#date-of-birth-year'), '2011');
  await journey.typeInto(page.locator('#postcode'), 'LE5 3BX');
  await journey.pressOn(page.locator('button', { hasText: 'Register young carer' }));
  await journey.checkPage('registered');
  check((await page.locator('h1').innerText()).includes('Tomás Nowak'), 'the new record');

  await reviewAndHandOver(journey);
  await downloadOpenCases(journey);
}

// The dashboard's open cases taken away as a CSV file, by keyboard: Tab to the link, Enter. The file
// is the list, names as typed (UTF-8 with its byte order mark for Excel).
async function downloadOpenCases(journey) {
  const page = journey.page;
  await journey.goto('/cases', 'dashboard-download');
  const link = page.locator('a[href="/cases.csv?list=open"]');
  check(await link.count() === 1, 'a download link under the open cases');
  await journey.tabTo(link);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  check(/^cases-open-\d{4}-\d{2}-\d{2}\.csv$/.test(download.suggestedFilename()),
        `the file's name says the list and the date, no one's name: ${download.suggestedFilename()}`);
  const text = readFileSync(await download.path(), 'utf8');
  check(text.startsWith('\ufeffCase,Young carer,'), `the CSV's headings: ${text.slice(0, 40)}`);
  check(text.includes("Zoë O'Brien-Smith"), 'the open case, its name as typed');
}

// A young carer of 17 whose support plan is under review: the review decides on transition to
// adult services, then the caseworker hands them over, all by keyboard. The steps before the
// review (assessment, plan) and the transition assessment are set up through the API: the
// caseworker-tools journey does those through their pages.
async function reviewAndHandOver(journey) {
  const page = journey.page;
  const base = journey.base;
  const token = (await api(base, 'POST', '/api/v1/sessions', null, { username: 'caseworker', password: PASSWORD })).token;
  const iso = (d) => d.toISOString().slice(0, 10);
  const today = new Date();
  const born = new Date(Date.UTC(today.getUTCFullYear() - 17, today.getUTCMonth(), today.getUTCDate() - 40));
  const receipt = await api(base, 'POST', '/api/v1/referrals', token, {
    young_person: { given_name: 'Priya', family_name: "D'Souza-Ng", date_of_birth: iso(born), postcode: 'LE4 5QT',
                    school_urn: '120345' },
    caring_summary: 'Cares for her father after his stroke',
    cared_for: [{ relationship: 'parent', conditions: ['physical_illness_or_disability'] }],
    young_person_aware: true,
    parent_aware: true,
  });
  const caseId = (await api(base, 'GET', `/api/v1/referrals/${receipt.reference}`, token)).case_id;
  const event = (body) => api(base, 'POST', `/api/v1/cases/${caseId}/events`, token, body);
  for (const e of ['acknowledge', 'accept_for_assessment', 'start_assessment']) await event({ event: e });
  const record = { participants: ['Priya', 'Her father'], written_record_to: [{ who: 'Priya', sent_on: iso(today) }],
                   outcomes_wanted: 'Time for college work' };
  const needs = await api(base, 'POST', `/api/v1/cases/${caseId}/assessments`, token, {
    kind: 'needs_assessment', ...record,
    matters: Object.fromEntries(['care_provided', 'family_reliance', 'effect_on_wellbeing', 'effect_on_education',
      'effect_on_development', 'excessive_or_inappropriate_tasks', 'preventable_by_services_to_family']
      .map((m) => [m, `About ${m.replaceAll('_', ' ')}`])),
    wishes_and_feelings: 'Wants to keep helping at home', needs_for_support: true,
    services_to_meet_needs: ['Young carers group'],
  });
  await api(base, 'POST', `/api/v1/assessments/${needs.id}/complete`, token, {});
  await api(base, 'PUT', `/api/v1/cases/${caseId}/support-plan`, token,
            { items: [{ type: 'young_carers_group', provider: 'Young carers service', start: iso(today) }] });
  for (const e of ['agree_plan', 'start_review']) await event({ event: e });

  // ---------- completing the review ----------
  await journey.goto(`/cases/${caseId}`, 'review-case');
  check(await page.locator('.govuk-summary-list .govuk-tag').first().innerText() === 'Reviewing', 'under review');
  await journey.pressOn(page.locator('a.govuk-button', { hasText: 'Complete review' }));
  await journey.checkPage('review-outcome');
  check(new URL(page.url()).pathname === `/cases/${caseId}/complete-review`, `the review question: ${page.url()}`);
  await journey.pressOn(page.locator('button', { hasText: 'Continue' }));
  await journey.checkPage('review-outcome-error');
  check((await page.locator('.govuk-error-summary').innerText()).includes('Select what the review decided'),
        'the missing answer is in the summary');
  check((await page.locator('#review_outcome-error').innerText()).includes('Select what the review decided'),
        'and beside the question');
  // Tab into the radios, Space chooses the first, the arrow keys move to "Start transition".
  await journey.tabTo(page.locator('#review_outcome'));
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  check(await page.locator('#review_outcome-3').isChecked(), 'start transition chosen by keyboard');
  await journey.typeInto(page.locator('#reason'), 'Priya starts college in September <i>not italic</i>');
  await journey.pressOn(page.locator('button', { hasText: 'Continue' }));
  await journey.checkPage('review-check');
  const answers = await page.locator('.govuk-summary-list').innerText();
  check(answers.includes('Start transition to adult services'), `check your answers: ${answers}`);
  check(answers.includes('<i>not italic</i>'), `the note is shown as typed: ${answers}`);
  check(await page.locator('main i').count() === 0, 'markup in the note is shown as text');
  await journey.pressOn(page.locator('button', { hasText: 'Complete the review' }));
  await journey.checkPage('review-completed');
  check((await page.locator('.govuk-notification-banner--success').innerText()).includes('Complete review'), 'banner');
  check(await page.locator('.govuk-summary-list .govuk-tag').first().innerText() === 'Transition', 'in transition');
  check(await page.locator('a.govuk-button', { hasText: 'Hand over' }).count() === 0,
        'no hand-over before the transition assessment');
  check((await page.locator('.govuk-inset-text').innerText()).includes('first complete a transition assessment'),
        'the page says what hand-over needs');

  const transition = await api(base, 'POST', `/api/v1/cases/${caseId}/assessments`, token, {
    kind: 'transition_assessment', ...record, consent: 'consented', able_and_willing_now: 'Yes, with support',
    able_and_willing_after_18: 'Yes, part time', work_education_training_recreation: 'College from September',
  });
  await api(base, 'POST', `/api/v1/assessments/${transition.id}/complete`, token, {});

  // ---------- handing over ----------
  await journey.goto(`/cases/${caseId}`, 'hand-over-case');
  await journey.pressOn(page.locator('a.govuk-button', { hasText: 'Hand over to adult services' }));
  await journey.checkPage('hand-over');
  check((await page.locator('h1').innerText()).includes("Which adult carers' service is taking over?"), 'question');
  await journey.pressOn(page.locator('button', { hasText: 'Continue' }));
  await journey.checkPage('hand-over-error');
  check((await page.locator('.govuk-error-summary').innerText()).includes("Enter the adult carers' service taking over"),
        'the missing answer is in the summary');
  check(await page.locator('#receiving_service-error').count() === 1, 'and beside the field');
  await journey.typeInto(page.locator('#receiving_service'), 'Leicester Carers Hub & Adult Social Care');
  await journey.pressOn(page.locator('button', { hasText: 'Continue' }));
  await journey.checkPage('hand-over-check');
  check((await page.locator('.govuk-summary-list').innerText()).includes('Leicester Carers Hub & Adult Social Care'),
        'the service on check your answers');
  await journey.pressOn(page.locator('button', { hasText: 'Hand over to adult services' }));
  await journey.checkPage('handed-over');
  check(await page.locator('.govuk-summary-list .govuk-tag').first().innerText() === 'Handed over', 'handed over');
  check((await page.locator('table').last().innerText()).includes('Leicester Carers Hub & Adult Social Care'),
        'the timeline names the service');
  check(await page.locator('h2', { hasText: 'What happens next' }).count() === 0, 'nothing more to do');

  // The tasks of the service's cases, addressed to adult services: listed, and one read (no forms: the
  // work is adult services').
  await journey.goto('/tasks', 'tasks');
  const taskLink = page.locator('main table a').first();
  check(await taskLink.count() === 1, 'the service\'s tasks are listed');
  await journey.pressOn(taskLink);
  await journey.checkPage('task');
  check(await page.locator('button', { hasText: 'Accept task' }).count() === 0, 'case staff do not accept it');
}
