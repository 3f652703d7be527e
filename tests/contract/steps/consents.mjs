// Consent to share: the referred young carer's caseworker records that they agreed to share with
// their school and reads every decision back; another service's caseworker finds no such young carer,
// other roles are refused; the school's own staff read the list of its young carers who agreed.
export default async function consents(api, ctx) {
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  const params = { id: ctx.youngCarerId };
  const body = { partner: 'school', decision: 'agreed', given_by: 'young_person', method: 'in_person',
                 decided_on: today, note: "Happy for Miss O'Neill to know" };
  const record = (extra) => api.call('POST /api/v1/young-carers/{id}/consents', { as: 'caseworker', params, ...extra });
  await record({ expect: 201, body });
  await record({ expect: 422, requestViolation: true, label: 'unknown partner', body: { ...body, partner: 'newspaper' } });
  await record({ expect: 422, label: 'decided tomorrow', body: { ...body, decided_on: tomorrow } });
  await record({ expect: 422, requestViolation: true, label: 'unknown field', body: { ...body, colour: 'blue' } });
  await api.call('POST /api/v1/young-carers/{id}/consents', {
    as: 'other_caseworker', params, expect: 404, label: 'not theirs', body,
  });
  await api.call('POST /api/v1/young-carers/{id}/consents', { as: 'champion', params, expect: 403, body });
  await api.call('GET /api/v1/young-carers/{id}/consents', { as: 'caseworker', params, expect: 200 });
  await api.call('GET /api/v1/young-carers/{id}/consents', { as: 'other_caseworker', params, expect: 404, label: 'not theirs' });
  await api.call('GET /api/v1/young-carers/{id}/consents', { as: 'commissioner', params, expect: 403 });
  await api.call('GET /api/v1/young-carers/{id}/consents', { token: 'made-up', params, expect: 401 });
  await api.call('GET /api/v1/school/young-carers', { as: 'champion', expect: 200 });
  await api.call('GET /api/v1/school/young-carers', { as: 'caseworker', expect: 403 });
  await api.call('GET /api/v1/school/young-carers', { as: 'adult_services', expect: 403, label: 'not a school' });
}
