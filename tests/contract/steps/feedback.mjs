// Compliments and complaints: the caseworker records a complaint about the referred young carer and a
// compliment, lists them, reads one; the team manager gives the complaint more time once; the
// caseworker records its outcome once; the complainant takes it to an investigation, answered in turn,
// and then to a review panel, which has no extension; a compliment has none;
// bad input is refused with the field; another service does not find them and other roles are refused.
export default async function feedback(api, ctx) {
  const today = new Date().toISOString().slice(0, 10);
  const complaint = {
    kind: 'complaint', from: 'young_carer', young_carer_id: ctx.youngCarerId, received_on: today,
    summary: "The group was cancelled and nobody told me; Siân O'Brien <b>",
  };
  const made = await api.call('POST /api/v1/feedback', { as: 'caseworker', expect: 201, body: complaint });
  const compliment = await api.call('POST /api/v1/feedback', {
    as: 'caseworker', expect: 201, label: 'a compliment from a parent',
    body: { kind: 'compliment', from: 'parent_or_carer', received_on: today, summary: 'Thank you for the trip' },
  });
  await api.call('POST /api/v1/feedback', {
    as: 'caseworker', expect: 422, label: 'received tomorrow', body: { ...complaint, received_on: '2999-01-01' },
  });
  await api.call('POST /api/v1/feedback', {
    as: 'caseworker', expect: 422, requestViolation: true, label: 'no such kind', body: { ...complaint, kind: 'grumble' },
  });
  await api.call('POST /api/v1/feedback', {
    as: 'other_caseworker', expect: 422, label: 'not their young carer', body: complaint,
  });
  await api.call('POST /api/v1/feedback', { as: 'commissioner', expect: 403, body: complaint });
  await api.call('GET /api/v1/feedback', { as: 'caseworker', expect: 200 });
  await api.call('GET /api/v1/feedback', { as: 'caseworker', expect: 200, label: 'complaints', query: { kind: 'complaint' } });
  await api.call('GET /api/v1/feedback', { as: 'commissioner', expect: 403 });
  await api.call('GET /api/v1/feedback', { token: 'made-up', expect: 401 });
  const params = { id: made.json?.id };
  await api.call('GET /api/v1/feedback/{id}', { as: 'caseworker', params, expect: 200 });
  await api.call('GET /api/v1/feedback/{id}', { as: 'other_caseworker', params, expect: 404, label: 'not theirs' });
  await api.call('GET /api/v1/feedback/{id}', { as: 'commissioner', params, expect: 403 });
  await api.call('GET /api/v1/feedback/{id}', { token: 'made-up', params, expect: 401 });
  const answer = { outcome: 'partly_upheld', responded_on: today, response: 'We now text families the day before' };
  const respond = (extra) => api.call('POST /api/v1/feedback/{id}/outcome', { params, ...extra });
  const extend = (extra) => api.call('POST /api/v1/feedback/{id}/extend', { params, ...extra });
  await extend({ as: 'caseworker', expect: 403, body: { reason: 'Waiting for the school' } });
  await extend({ as: 'manager', expect: 422, label: 'no reason', body: { reason: ' ' } });
  await extend({ as: 'manager', expect: 200, body: { reason: 'The family asked to meet after half term' } });
  await extend({ as: 'manager', expect: 409, label: 'extended already', body: { reason: 'Again' } });
  await respond({ as: 'caseworker', expect: 422, label: 'no reply said', body: { ...answer, response: ' ' } });
  await respond({ as: 'caseworker', expect: 200, body: answer });
  await respond({ as: 'caseworker', expect: 409, label: 'answered already', body: answer });
  await respond({ as: 'other_caseworker', expect: 404, label: 'not theirs', body: answer });
  await respond({ as: 'commissioner', expect: 403, body: answer });
  await api.call('POST /api/v1/feedback/{id}/outcome', {
    as: 'caseworker', params: { id: compliment.json?.id }, expect: 409, label: 'a compliment', body: answer,
  });
  const next = (extra) => api.call('POST /api/v1/feedback/{id}/next-stage', { params, ...extra });
  await next({ as: 'caseworker', expect: 422, label: 'asked tomorrow', body: { asked_on: '2999-01-01' } });
  await next({ as: 'caseworker', expect: 422, requestViolation: true, label: 'unknown field', body: { asked_on: today, stage: 3 } });
  await next({ as: 'other_caseworker', expect: 404, label: 'not theirs', body: { asked_on: today } });
  await next({ as: 'commissioner', expect: 403, body: { asked_on: today } });
  await next({ as: 'caseworker', expect: 200, label: 'an investigation', body: { asked_on: today } });
  await next({ as: 'caseworker', expect: 409, label: 'the investigation not answered', body: { asked_on: today } });
  await extend({ as: 'manager', expect: 200, label: 'the investigation', body: { reason: 'Two schools to hear from' } });
  await respond({ as: 'caseworker', expect: 200, label: 'the investigation', body: answer });
  await next({ as: 'manager', expect: 200, label: 'a review panel', body: { asked_on: today } });
  await extend({ as: 'manager', expect: 409, label: 'a review panel', body: { reason: 'Panel members away' } });
  await api.call('POST /api/v1/feedback/{id}/next-stage', {
    as: 'caseworker', params: { id: compliment.json?.id }, expect: 409, label: 'a compliment', body: { asked_on: today },
  });
}
