// Questionnaires, a needs assessment from draft to completion, and the support plan.
const answers = (total, n) => Array.from({ length: n }, (_, i) => (i < Math.floor(total / 2) ? 2 : i === Math.floor(total / 2) && total % 2 ? 1 : 0));

export default async function assessments(api, ctx) {
  await api.call('GET /api/v1/questionnaires', { as: 'caseworker', expect: 200 });
  await api.call('GET /api/v1/questionnaires', { as: 'commissioner', expect: 403 });

  const casePath = { id: ctx.caseId };
  const kase = await api.call('GET /api/v1/cases/{id}', { as: 'caseworker', params: casePath, expect: 200 });
  const person = kase.json?.cared_for?.[0]?.id;
  const content = {
    matters: {
      care_provided: 'Cooks and gives medication daily', family_reliance: 'Mum relies on her every evening',
      effect_on_wellbeing: 'Tired and anxious', effect_on_education: 'Late for school twice a week',
      effect_on_development: 'Little time with friends',
      excessive_or_inappropriate_tasks: 'Giving medication is inappropriate at 13',
      preventable_by_services_to_family: 'Community mental health support for mum',
    },
    wishes_and_feelings: 'Wants to keep helping but have time off', outcomes_wanted: 'Time with friends',
    participants: ['Zoë', 'Mum'], written_record_to: [{ who: 'Zoë', sent_on: new Date().toISOString().slice(0, 10) }],
    needs_for_support: true, services_to_meet_needs: ['Young carers group'], cared_for_person_ids: [person],
    maca: { answers: answers(15, 18) }, panoc: { answers: answers(12, 20) },
  };
  await api.call('POST /api/v1/cases/{id}/assessments', {
    as: 'caseworker', params: casePath, expect: 422, label: 'someone else\'s cared-for person',
    body: { kind: 'needs_assessment', cared_for_person_ids: [999999] },
  });
  const draft = await api.call('POST /api/v1/cases/{id}/assessments', {
    as: 'caseworker', params: casePath, expect: 201, body: { kind: 'needs_assessment', ...content },
  });
  const id = { id: draft.json?.id };
  await api.call('POST /api/v1/cases/{id}/assessments', {
    as: 'caseworker', params: casePath, expect: 409, label: 'a second draft',
    body: { kind: 'needs_assessment' },
  });
  await api.call('POST /api/v1/cases/{id}/assessments', {
    as: 'caseworker', params: casePath, expect: 422, requestViolation: true, label: 'unknown kind',
    body: { kind: 'interview' },
  });
  await api.call('POST /api/v1/cases/{id}/assessments', {
    as: 'other_caseworker', params: casePath, expect: 404, body: { kind: 'needs_assessment' },
  });
  await api.call('POST /api/v1/cases/{id}/assessments', {
    as: 'champion', params: casePath, expect: 403, body: { kind: 'needs_assessment' },
  });

  await api.call('GET /api/v1/cases/{id}/assessments', { as: 'caseworker', params: casePath, expect: 200 });
  await api.call('GET /api/v1/cases/{id}/assessments', { as: 'caseworker', params: { id: 999999 }, expect: 404 });
  await api.call('GET /api/v1/cases/{id}/assessments', { as: 'auditor', params: casePath, expect: 403 });
  await api.call('GET /api/v1/assessments/{id}', { as: 'manager', params: id, expect: 200 });
  await api.call('GET /api/v1/assessments/{id}', { as: 'other_caseworker', params: id, expect: 404 });
  await api.call('GET /api/v1/assessments/{id}', { as: 'commissioner', params: id, expect: 403 });

  await api.call('PUT /api/v1/assessments/{id}', {
    as: 'caseworker', params: id, expect: 200, body: { ...content, outcomes_wanted: 'Time with friends, and sleep' },
  });
  await api.call('PUT /api/v1/assessments/{id}', {
    as: 'caseworker', params: id, expect: 422, label: 'too few answers', body: { maca: { answers: [0, 1, 2] } },
  });
  await api.call('PUT /api/v1/assessments/{id}', {
    as: 'caseworker', params: { id: 999999 }, expect: 404, body: content,
  });
  await api.call('PUT /api/v1/assessments/{id}', { as: 'champion', params: id, expect: 403, body: content });

  await api.call('POST /api/v1/assessments/{id}/complete', {
    as: 'caseworker', params: id, expect: 200, body: {},
  });
  await api.call('POST /api/v1/assessments/{id}/complete', {
    as: 'caseworker', params: id, expect: 409, label: 'already completed', body: {},
  });
  await api.call('PUT /api/v1/assessments/{id}', {
    as: 'caseworker', params: id, expect: 422, label: 'amendment without a reason', body: { outcomes_wanted: 'Sleep' },
  });
  await api.call('PUT /api/v1/assessments/{id}', {
    as: 'caseworker', params: id, expect: 200, label: 'amendment',
    body: { ...content, amendment_reason: 'Corrected the date sent' },
  });
  await api.call('POST /api/v1/assessments/{id}/complete', {
    as: 'caseworker', params: { id: 999999 }, expect: 404, body: {},
  });
  await api.call('POST /api/v1/assessments/{id}/complete', { as: 'auditor', params: id, expect: 403, body: {} });

  // Support plan: recorded as a draft, agreed by the agree_plan event.
  await api.call('GET /api/v1/cases/{id}/support-plan', { as: 'caseworker', params: casePath, expect: 200, label: 'none yet' });
  const today = new Date().toISOString().slice(0, 10);
  await api.call('PUT /api/v1/cases/{id}/support-plan', {
    as: 'caseworker', params: casePath, expect: 200,
    body: { items: [{ type: 'young_carers_group', provider: 'Carers centre', start: today },
                    { type: 'school_support', provider: 'Hamilton Academy', start: today, notes: 'Homework club' }] },
  });
  await api.call('PUT /api/v1/cases/{id}/support-plan', {
    as: 'caseworker', params: casePath, expect: 422, requestViolation: true, label: 'not a date',
    body: { items: [{ type: 'young_carers_group', start: 'next week' }] },
  });
  await api.call('PUT /api/v1/cases/{id}/support-plan', {
    as: 'caseworker', params: casePath, expect: 422, label: 'no services', body: { items: [] },
  });
  const plan = { items: [{ type: 'short_break', provider: 'Carers centre', start: today }] };
  await api.call('PUT /api/v1/cases/{id}/support-plan', { as: 'other_caseworker', params: casePath, expect: 404, body: plan });
  await api.call('PUT /api/v1/cases/{id}/support-plan', { as: 'champion', params: casePath, expect: 403, body: plan });
  await api.call('POST /api/v1/cases/{id}/events', {
    as: 'caseworker', params: casePath, expect: 200, label: 'agree plan', body: { event: 'agree_plan' },
  });
  await api.call('GET /api/v1/cases/{id}/support-plan', { as: 'manager', params: casePath, expect: 200 });
  await api.call('GET /api/v1/cases/{id}/support-plan', { as: 'caseworker', params: { id: 999999 }, expect: 404 });
  await api.call('GET /api/v1/cases/{id}/support-plan', { as: 'commissioner', params: casePath, expect: 403 });
}
