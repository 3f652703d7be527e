// A caseworker's tools: completes a needs assessment (partly by keyboard) with the questionnaires'
// totals updating as they answer, agrees a support plan, issues, prints and revokes an ID card,
// and resolves possible matches between twins' records: one merged then the merge undone, one
// marked as different children.
//
// The referrals and the case's first moves (acknowledge, accept, start the assessment) are made
// through the API, as a referrer's system and the case page would make them.
import { join } from 'node:path';
import { PASSWORD, api, artifactsDir, check, signIn } from './harness.mjs';

async function refer(base, token, given, family, dob, postcode) {
  const receipt = await api(base, 'POST', '/api/v1/referrals', token, {
    young_person: { given_name: given, family_name: family, date_of_birth: dob, postcode, school_urn: '120345' },
    caring_summary: 'Helps mum with her medication and looks after a younger brother',
    cared_for: [{ relationship: 'parent', conditions: ['mental_ill_health'] }],
    young_person_aware: true,
    parent_aware: true,
  });
  const detail = await api(base, 'GET', `/api/v1/referrals/${receipt.reference}`, token);
  return { receipt, caseId: detail.case_id, youngCarerId: detail.young_carer_id };
}

const submit = (page, text) =>
  Promise.all([page.waitForNavigation(), page.click(`button:has-text("${text}")`)]);
const follow = (page, selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);

async function fillDate(page, name, day, month, year) {
  await page.fill(`#${name}-day`, day);
  await page.fill(`#${name}-month`, month);
  await page.fill(`#${name}-year`, year);
}

export async function caseworkerToolsJourney(journey) {
  const page = journey.page;
  const base = journey.base;
  const token = (await api(base, 'POST', '/api/v1/sessions', null, { username: 'caseworker', password: PASSWORD })).token;

  // ---------- a needs assessment ----------
  const ellie = await refer(base, token, 'Ellie', "O'Marsh-Zoë", '2012-06-01', 'LE3 5AB');
  for (const event of ['acknowledge', 'accept_for_assessment', 'start_assessment'])
    await api(base, 'POST', `/api/v1/cases/${ellie.caseId}/events`, token, { event });

  // The journeys share one browser: start signed out, whoever ran before.
  await journey.context.clearCookies();
  await signIn(journey, 'caseworker', { keyboard: true });
  await journey.goto(`/cases/${ellie.caseId}/assessments`, 'assessments-empty');
  check((await page.locator('main').innerText()).includes("Ellie O'Marsh-Zoë"), 'the young carer is named as typed');
  await journey.pressOn(page.locator('button', { hasText: 'Start a needs assessment' }));
  await journey.checkPage('needs-assessment');
  check(/\/assessments\/\d+$/.test(page.url()), `an assessment page: ${page.url()}`);
  const assessmentPath = new URL(page.url()).pathname;

  // Completing at once: every missing matter in the summary and beside its field.
  await submit(page, 'Save and complete');
  await journey.checkPage('needs-assessment-errors');
  check((await page.title()).startsWith('Error: '), 'the title says there is an error');
  const summary = await page.locator('.govuk-error-summary__list a').allInnerTexts();
  check(summary.some((s) => s.startsWith('Record who took part')), `summary: ${summary}`);
  check(summary.some((s) => s.startsWith('Record the amount, nature and type of care')), `summary: ${summary}`);
  check(summary.some((s) => s.startsWith('Record whether the young carer has needs for support')), `summary: ${summary}`);
  check(await page.locator('#participants-error').count() === 1, 'the error is shown beside the field');
  check(await page.locator('#matters-care_provided-error').count() === 1, 'each matter has its error');

  // Keyboard: the first questions of MACA-YC18 by Tab, Space and the arrow keys; the totals are
  // announced in the live region as they are chosen.
  const macaRegion = page.locator('#maca-score');
  check((await macaRegion.getAttribute('aria-live')) === 'polite', 'the totals are in a live region');
  await journey.tabTo(page.locator('#maca-1'));
  await page.keyboard.press('Space');
  check(await page.locator('#maca-1').isChecked(), 'Space chooses the first answer');
  await page.keyboard.press('ArrowRight');
  check(await page.locator('#maca-1-2').isChecked(), 'the arrow key moves to "Some of the time"');
  check((await macaRegion.innerText()).includes('1 of 18 questions answered. Total 1 out of 36.'),
        `the total updates as answers are chosen: ${await macaRegion.innerText()}`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  check(await page.locator('#maca-2-3').isChecked(), 'question 2: "A lot of the time"');
  check((await macaRegion.innerText()).includes('2 of 18 questions answered. Total 3 out of 36.'),
        `after two answers: ${await macaRegion.innerText()}`);
  // The rest: "Some of the time" to 3..12, "Never" to 13..18: total 3 + 10 = 13 (moderate).
  for (let n = 3; n <= 18; n++) await page.check(n <= 12 ? `#maca-${n}-2` : `#maca-${n}`);
  const macaText = await macaRegion.innerText();
  check(macaText.includes('18 of 18 questions answered. Total 13 out of 36. Moderate amount of caring activity.'),
        `the band once every question is answered: ${macaText}`);
  check(macaText.includes('Domestic: 4'), `subscales: ${macaText}`);
  // PANOC-YC20: "A lot of the time" everywhere: both subscales 20, "many negative outcomes" flagged.
  for (let n = 1; n <= 20; n++) await page.check(`#panoc-${n}-3`);
  const panocText = await page.locator('#panoc-score').innerText();
  check(panocText.includes('Negative outcomes: 20 (Relatively many negative outcomes)'), `panoc: ${panocText}`);
  check(panocText.includes('Look at this: Relatively many negative outcomes of caring'), `flag: ${panocText}`);

  await journey.typeInto(page.locator('#participants'), 'Ellie\nHer mother');
  await page.check('input[name="cared_for_person_ids"]');
  const matters = ['care_provided', 'family_reliance', 'effect_on_wellbeing', 'effect_on_education',
                   'effect_on_development', 'excessive_or_inappropriate_tasks', 'preventable_by_services_to_family'];
  for (const m of matters) await page.fill(`#matters-${m}`, `About ${m.replaceAll('_', ' ')} <b>not bold</b>`);
  await page.fill('#wishes_and_feelings', 'Wants time with friends after school');
  await page.fill('#outcomes_wanted', 'Less worry about mum; a break each week');
  await page.check('#change_in_circumstances-2');
  await page.check('#needs_for_support');
  await page.fill('#services_to_meet_needs', 'Young carers group\nOne-to-one support');
  await page.fill('#written_record_to', 'Ellie\nHer mother');
  const today = new Date();
  await fillDate(page, 'written_record_sent_on', String(today.getDate()), String(today.getMonth() + 1),
                 String(today.getFullYear()));
  await submit(page, 'Save as draft');
  await journey.checkPage('needs-assessment-saved');
  check((await page.locator('.govuk-notification-banner').innerText()).includes('saved as a draft'), 'saved banner');
  check((await page.locator('#maca-score').innerText()).includes('Total 13 out of 36. Moderate amount'),
        'the server shows the same totals after saving');
  check(await page.locator('#maca-2-3').isChecked(), 'the answers are kept');
  check((await page.inputValue('#matters-care_provided')).includes('<b>not bold</b>'), 'text is kept verbatim');

  // By keyboard again: Tab through the whole form (38 questions) to the button, then Enter.
  await journey.tabTo(page.locator('button', { hasText: 'Save and complete' }), 200);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await journey.checkPage('needs-assessment-completed');
  check(new URL(page.url()).pathname === assessmentPath, 'back on the assessment');
  const done = await page.locator('.govuk-notification-banner').innerText();
  check(done.includes('The assessment is complete. The case is now Support planning.'), `banner: ${done}`);
  check(await page.locator('main b').count() === 0, 'text with markup is shown as text');
  check((await page.locator('main').innerText()).includes('Look at this: Relatively many negative outcomes'),
        'the completed assessment shows what to look at');

  // Amending the completed assessment: the same form, with a reason that is required and kept.
  await follow(page, 'a:has-text("Amend this assessment")');
  await journey.checkPage('needs-assessment-amend');
  check(await page.locator('#maca-2-3').isChecked(), 'the stored answers are ready to change');
  await submit(page, 'Save the amendment');
  await journey.checkPage('needs-assessment-amend-errors');
  check((await page.locator('#amendment_reason-error').innerText()).includes('Enter why you are amending'),
        'the reason is asked for beside its field');
  await page.fill('#outcomes_wanted', 'Less worry about mum; a break each week; help with homework');
  await page.fill('#amendment_reason', 'Ellie added an outcome at the feedback meeting');
  await submit(page, 'Save the amendment');
  await journey.checkPage('needs-assessment-amended');
  check((await page.locator('.govuk-notification-banner').innerText()).includes('Your amendment was saved'), 'amended');
  check((await page.locator('table', { hasText: 'Amendments' }).innerText()).includes('Ellie added an outcome'),
        'the amendment is listed with its reason');
  check((await page.locator('main').innerText()).includes('help with homework'), 'the change is shown');

  await journey.goto(`/cases/${ellie.caseId}/assessments`, 'assessments-list');
  check((await page.locator('table .govuk-tag').first().innerText()).trim() === 'Completed', 'listed as completed');

  // ---------- the support plan ----------
  await journey.goto(`/cases/${ellie.caseId}/support-plan`, 'support-plan-none');
  await follow(page, 'a:has-text("Record a support plan")');
  await journey.checkPage('support-plan-edit');
  await submit(page, 'Save the plan');
  await journey.checkPage('support-plan-errors');
  check((await page.locator('.govuk-error-summary').innerText()).includes('Enter at least one service'), 'one needed');
  await submit(page, 'Add another service');
  check(await page.locator('fieldset.ycr-plan-item').count() === 2, 'a second service can be added without JavaScript');
  await page.selectOption('#item-0-type', 'young_carers_group');
  await page.fill('#item-0-provider', 'Young carers service');
  await fillDate(page, 'item-0-start', '1', '9', '2025');
  await page.selectOption('#item-1-type', 'other');
  await page.fill('#item-1-provider', 'Hamilton Academy');
  await fillDate(page, 'item-1-start', '1', '9', '2025');
  await fillDate(page, 'item-1-end', '1', '8', '2025');
  await submit(page, 'Save the plan');
  await journey.checkPage('support-plan-item-errors');
  const planErrors = await page.locator('.govuk-error-summary__list').innerText();
  check(planErrors.includes('Describe the service'), `other needs notes: ${planErrors}`);
  check(planErrors.includes('The service cannot end before it starts'), `dates: ${planErrors}`);
  check(await page.locator('#item-1-notes-error').count() === 1, 'beside the notes of the second service');
  await page.fill('#item-1-notes', 'Lunchtime club');
  await fillDate(page, 'item-1-end', '31', '7', '2026');
  await submit(page, 'Save the plan');
  await journey.checkPage('support-plan-draft');
  check((await page.locator('table').innerText()).includes('Lunchtime club'), 'the draft is shown');
  await journey.pressOn(page.locator('button', { hasText: 'Mark the plan as agreed' }));
  await journey.checkPage('support-plan-agreed');
  check((await page.locator('.govuk-notification-banner').innerText()).includes('The support plan is agreed'), 'agreed');
  check((await page.locator('main').innerText()).includes('Review due'), 'a review date is set');

  // ---------- an ID card ----------
  await journey.goto(`/young-carers/${ellie.youngCarerId}/id-cards`, 'id-cards-none');
  await follow(page, 'a:has-text("Issue a card")');
  await journey.checkPage('id-card-issue');
  await submit(page, 'Issue the card');
  await journey.checkPage('id-card-issue-errors');
  const cardErrors = await page.locator('.govuk-error-summary__list').innerText();
  check(cardErrors.includes('Select whether a parent or carer consented'), `errors: ${cardErrors}`);
  await page.check('#young_carer_consent');
  await page.check('#parent_consent');
  await page.check('input[name="sharing"][value="medication"]');
  await page.check('input[name="sharing"][value="discharge_or_care_planning"]');
  await submit(page, 'Issue the card');
  await journey.checkPage('id-card');
  check((await page.locator('.govuk-notification-banner').innerText()).includes('Card issued'), 'issued');
  const image = page.locator('img.ycr-card__image');
  await image.evaluate((img) => img.complete || new Promise((r) => { img.onload = r; img.onerror = r; }));
  check(await image.evaluate((img) => img.naturalWidth > 0), 'the card image loads from this site');
  const svg = await page.evaluate(async (src) => {
    const r = await fetch(src);
    return { type: r.headers.get('content-type'), text: await r.text() };
  }, await image.getAttribute('src'));
  check(svg.type.startsWith('image/svg+xml') && svg.text.includes('<svg'), `the card is an SVG: ${svg.type}`);
  check(await page.locator('button[data-ycr-print]').isVisible(), 'the print button is shown when scripts run');
  await page.emulateMedia({ media: 'print' });
  check(!(await page.locator('.govuk-header').isVisible()) && !(await page.locator('h1').isVisible()),
        'printing shows only the card');
  check(await image.isVisible(), 'the card is printed');
  await page.screenshot({ path: join(artifactsDir, `${journey.name}-print-preview.png`) });
  await page.emulateMedia({ media: 'screen' });

  await follow(page, 'a:has-text("Revoke the card")');
  await journey.checkPage('id-card-revoke');
  await submit(page, 'Revoke the card');
  await journey.checkPage('id-card-revoke-errors');
  check((await page.locator('#reason-error').innerText()).includes('Enter why the card is being revoked'), 'reason');
  await page.fill('#reason', 'Ellie asked for it to be cancelled');
  await submit(page, 'Revoke the card');
  await journey.checkPage('id-card-revoked');
  check((await page.locator('.govuk-notification-banner').innerText()).includes('The card was revoked'), 'revoked');
  check((await page.locator('.govuk-summary-list .govuk-tag').innerText()).trim() === 'Revoked', 'status tag');
  await follow(page, 'a.govuk-back-link');
  await journey.checkPage('id-cards-list');
  check((await page.locator('table .govuk-tag').innerText()).trim() === 'Revoked', 'listed with its status');

  // ---------- possible matches between twins ----------
  const aisha = await refer(base, token, 'Aisha', 'Okonkwo-Reyes', '2012-05-20', 'LE2 1AB');
  const amira = await refer(base, token, 'Amira', 'Okonkwo-Reyes', '2012-05-20', 'LE2 1AB');
  check(amira.receipt.identity.outcome === 'needs_review', `twins go to review: ${JSON.stringify(amira.receipt.identity)}`);
  const noah = await refer(base, token, 'Noah', 'Villanueva-Kerr', '2011-02-14', 'LE4 6BY');
  const noel = await refer(base, token, 'Noel', 'Villanueva-Kerr', '2011-02-14', 'LE4 6BY');
  check(noel.receipt.identity.outcome === 'needs_review', `second pair to review: ${JSON.stringify(noel.receipt.identity)}`);
  check(aisha.youngCarerId !== amira.youngCarerId && noah.youngCarerId !== noel.youngCarerId, 'separate records');

  await journey.goto('/matches', 'matches');
  const row = page.locator('tr', { hasText: 'Amira Okonkwo-Reyes' });
  check(await row.count() === 1, 'the twins are in the queue');
  await Promise.all([page.waitForNavigation(), row.locator('a').click()]);
  await journey.checkPage('match');
  check(await page.locator('.govuk-summary-list').count() === 2, 'the two records side by side');
  check((await page.locator('.govuk-warning-text').first().innerText()).includes('Given names differ'), 'the caution');
  const evidence = await page.locator('table tbody tr').count();
  check(evidence >= 4, `each field compared (${evidence} rows)`);
  await submit(page, 'Save decision');
  await journey.checkPage('match-errors');
  const matchErrors = await page.locator('.govuk-error-summary__list').innerText();
  check(matchErrors.includes('Select whether they are the same child') && matchErrors.includes('Enter why you decided'),
        `errors: ${matchErrors}`);
  await page.check('#decision');
  await page.check(`input[name="survivor"][value="${aisha.youngCarerId}"]`);
  await page.fill('#reason', 'Checked with the school: one child, a typing slip');
  await submit(page, 'Save decision');
  await journey.checkPage('merged');
  check((await page.locator('.govuk-notification-banner').innerText()).includes('The records were merged'), 'merged');
  const mergePath = new URL(page.url()).pathname;
  await submit(page, 'Undo this merge');
  await journey.checkPage('undo-errors');
  check((await page.locator('#reason-error').innerText()).includes('Enter why you are undoing the merge'), 'undo reason');
  await page.fill('#reason', 'Mum says they are twins');
  await submit(page, 'Undo this merge');
  await journey.checkPage('merge-undone');
  check(new URL(page.url()).pathname === mergePath, 'back on the merge');
  check((await page.locator('.govuk-notification-banner').innerText()).includes('The merge was undone'), 'undone');
  check(await page.locator('button', { hasText: 'Undo this merge' }).count() === 0, 'an undone merge cannot be undone again');
  const separate = await api(base, 'GET', `/api/v1/young-carers/${amira.youngCarerId}`, token);
  check(separate.merged_into === null || separate.merged_into === undefined, 'the records are separate again');

  await journey.goto('/matches', 'matches-after-merge');
  await Promise.all([page.waitForNavigation(),
                     page.locator('tr', { hasText: 'Noel Villanueva-Kerr' }).locator('a').click()]);
  await journey.checkPage('match-twins');
  await page.check('#decision-2');
  await page.fill('#reason', 'Twins: both at Hamilton Academy');
  await submit(page, 'Save decision');
  await journey.checkPage('matches-decided');
  check((await page.locator('.govuk-notification-banner').innerText()).includes('different children'), 'decided');
  check(await page.locator('tr', { hasText: 'Noel Villanueva-Kerr' }).count() === 0, 'no longer in the queue');

  // ---------- an activity and its register ----------
  await journey.goto('/activities', 'activities');
  await follow(page, 'a:has-text("Add an activity")');
  await journey.checkPage('activity-new');
  await submit(page, 'Add activity');
  await journey.checkPage('activity-errors');
  check((await page.title()).startsWith('Error: '), 'the title says there is an error');
  check(await page.locator('#kind-error').count() === 1, 'the kind is asked for beside its field');
  await page.check('input[name="kind"][value="group"]');
  await page.fill('#title', 'Tuesday <group>');
  const day = (offset) => new Date(Date.now() + offset * 86400000);
  const first = day(0), tomorrow = day(1);
  await fillDate(page, 'starts_on', String(first.getDate()), String(first.getMonth() + 1), String(first.getFullYear()));
  await fillDate(page, 'ends_on', String(tomorrow.getDate()), String(tomorrow.getMonth() + 1),
                 String(tomorrow.getFullYear()));
  await page.fill('#capacity', '12');
  await submit(page, 'Add activity');
  await journey.checkPage('activity-added');
  check((await page.locator('h1').innerText()) === 'Tuesday <group>', 'the name is shown as typed');
  await page.selectOption('#young_carer_id', String(ellie.youngCarerId));
  await submit(page, 'Offer place');
  await journey.checkPage('activity-place');
  await page.check(`input[name="attendance_${ellie.youngCarerId}"][value="cancelled"]`);
  await submit(page, 'Save register');
  await journey.checkPage('activity-register-errors');
  check(await page.locator(`#reason_${ellie.youngCarerId}-error`).count() === 1, 'a cancelled place needs a reason');
  await page.check(`input[name="attendance_${ellie.youngCarerId}"][value="attended"]`);
  await submit(page, 'Save register');
  await journey.checkPage('activity-register');
  await submit(page, 'Finalise register');
  await journey.checkPage('activity-finalised');
  check(await page.locator('button', { hasText: 'Save register' }).count() === 0, 'a finalised register is locked');

  // ---------- what she agreed to share, and her school's list ----------
  await journey.goto(`/cases/${ellie.caseId}`, 'case-sharing-none');
  check((await page.locator('main').innerText()).includes('Sharing their information'), 'the case page shows sharing');
  await follow(page, 'a:has-text("Record what they agreed to share")');
  await journey.checkPage('sharing-new');
  await submit(page, 'Record decision');
  await journey.checkPage('sharing-errors');
  check(await page.locator('#partner-error').count() === 1, 'who it is about is asked for beside its field');
  await page.check('input[name="partner"][value="school"]');
  await page.check('input[name="decision"][value="agreed"]');
  await page.check('input[name="given_by"][value="young_person_and_parent"]');
  await page.check('input[name="method"][value="in_person"]');
  await fillDate(page, 'decided_on', String(first.getDate()), String(first.getMonth() + 1), String(first.getFullYear()));
  await page.fill('#note', 'Mum was there <too>');
  await submit(page, 'Record decision');
  await journey.checkPage('case-sharing-agreed');
  check(new URL(page.url()).pathname === `/cases/${ellie.caseId}`, 'back on the case');

  // ---------- a complaint she made, its outcome, and the investigation she asks for ----------
  await follow(page, 'a:has-text("Record a compliment or complaint")');
  await journey.checkPage('feedback-new');
  await submit(page, 'Save');
  await journey.checkPage('feedback-errors');
  check(await page.locator('#kind-error').count() === 1, 'compliment or complaint is asked for beside its field');
  await page.check('input[name="kind"][value="complaint"]');
  await page.check('input[name="from"][value="young_carer"]');
  await page.fill('#summary', 'The <b>group</b> was cancelled twice');
  await submit(page, 'Save');
  await journey.checkPage('feedback-complaint');
  check((await page.locator('main').innerText()).includes('The <b>group</b> was cancelled twice'), 'the complaint is shown as typed');
  const [ukYear, ukMonth, ukDay] = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).split('-');
  await page.check('input[name="outcome"][value="upheld"]');
  await fillDate(page, 'responded_on', String(Number(ukDay)), String(Number(ukMonth)), ukYear);
  await page.fill('#response', 'We now text families the day before');
  await submit(page, 'Record the outcome');
  await journey.checkPage('feedback-answered');
  check((await page.locator('main').innerText()).includes('Upheld'), 'the outcome is shown');
  // Not satisfied, she asks for the procedure's next stage.
  await fillDate(page, 'asked_on', String(Number(ukDay)), String(Number(ukMonth)), ukYear);
  await submit(page, 'Take it to the investigation stage');
  await journey.checkPage('feedback-investigation');
  check((await page.locator('main').innerText()).includes('Stage 2, investigation'), 'the investigation is open');
  check(await page.locator('button', { hasText: 'Record the outcome' }).count() === 1, 'the investigation is answered in turn');
  await journey.goto('/feedback', 'feedback-list');
  await journey.goto(`/cases/${ellie.caseId}`, 'case-after-feedback');

  // ---------- her school attendance, recorded by her caseworker and then by her school ----------
  await follow(page, 'a:has-text("Record a term\'s attendance")');
  await journey.checkPage('school-attendance-new');
  await page.check('input[name="term"][value="autumn"]');
  await page.fill('#sessions_possible', '120');
  await page.fill('#sessions_missed', '9');
  await page.fill('#missed_for_caring', '12');
  await submit(page, 'Record attendance');
  await journey.checkPage('school-attendance-errors');
  check(await page.locator('#missed_for_caring-error').count() === 1, 'more missed for caring than missed is refused beside its field');
  await page.fill('#missed_for_caring', '6');
  await submit(page, 'Record attendance');
  await journey.checkPage('case-school-attendance');
  check((await page.locator('main').innerText()).includes('Autumn term'), 'the case page shows the term');
  await journey.context.clearCookies();
  await signIn(journey, 'champion');
  await journey.goto('/school/young-carers', 'school-young-carers');
  check((await page.locator('main').innerText()).includes("Ellie O'Marsh-Zoë"), 'her school sees her once she agreed');
  await follow(page, `a[href="/school/young-carers/${ellie.youngCarerId}/attendance"]`);
  await journey.checkPage('school-attendance');
  check((await page.locator('main').innerText()).includes('Autumn term'), 'her school sees the term her caseworker recorded');
  await journey.goto('/school/attendance-import', 'school-attendance-import');
  await page.fill('#csv', 'Given name,Family name,Date of birth,Term,Academic year,Sessions possible,Sessions missed,Missed because of caring\nNo,One,2012-01-01,spring,2020/21,100,5,1\n');
  await submit(page, 'Import attendance');
  await journey.checkPage('school-attendance-imported');
  check((await page.locator('main').innerText()).includes('matches none'), 'a row that matches no one is reported');
  // The same school uploads the file itself, as Excel saves "CSV UTF-8" (a byte order mark, CRLF): her row.
  const startYear = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
  const academicYear = `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
  await journey.goto('/school/attendance-import', 'school-attendance-upload');
  await page.setInputFiles('#csv_file', {
    name: 'attendance.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('\uFEFFGiven name,Family name,Date of birth,Term,Academic year,Sessions possible,' +
                        'Sessions missed,Missed because of caring\r\n' +
                        `ELLIE,o'marsh-zoe,01/06/2012,spring,${academicYear},110,9,4\r\n`),
  });
  await submit(page, 'Import attendance');
  await journey.checkPage('school-attendance-uploaded');
  check((await page.locator('main').innerText()).includes('1 row: 1 recorded'),
        `the uploaded file's row is recorded: ${await page.locator('.govuk-panel').innerText()}`);
}
