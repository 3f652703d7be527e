// Schools' young carer champions: a caseworker names one at the school, linked to its champion's account,
// and reads the school's history and the list of schools; an administrator records that they stepped down,
// once; bad input is refused with the field; referrers and commissioners are refused.
export default async function champions(api, ctx) {
  const today = new Date().toISOString().slice(0, 10);
  const params = { id: ctx.organisations['Hamilton Academy'] };
  const name = (extra) => api.call('POST /api/v1/organisations/{id}/champions', { params, ...extra });
  const champion = { name: "Mrs Siân O'Brien-Patel", post: 'Head of Year 9', since: '2024-09-02', user_id: ctx.users.champion };
  const named = await name({ as: 'caseworker', expect: 201, body: champion });
  await name({ as: 'manager', expect: 409, label: 'the account already in post', body: champion });
  await name({ as: 'caseworker', expect: 422, label: 'from tomorrow', body: { name: 'Mr A. Khan', since: '2999-01-01' } });
  await name({ as: 'caseworker', expect: 422, label: 'not a name', body: { name: '<b>R2-D2</b>', since: '2024-09-02' } });
  await name({ as: 'caseworker', expect: 422, label: 'another school\'s account', body: { ...champion, user_id: ctx.users.admin } });
  await name({ as: 'caseworker', expect: 422, requestViolation: true, label: 'no name', body: { since: '2024-09-02' } });
  await name({ as: 'caseworker', expect: 422, requestViolation: true, label: 'unknown field', body: { ...champion, email: 'x@example.org' } });
  await name({ as: 'champion', expect: 403, body: { name: 'Mr A. Khan', since: '2024-09-02' } });
  await api.call('POST /api/v1/organisations/{id}/champions', {
    as: 'caseworker', params: { id: ctx.organisations['Young carers service'] }, expect: 404, label: 'not a school',
    body: { name: 'Mr A. Khan', since: '2024-09-02' },
  });
  await api.call('GET /api/v1/organisations/{id}/champions', { as: 'manager', params, expect: 200 });
  await api.call('GET /api/v1/organisations/{id}/champions', { as: 'admin', params: { id: 999999 }, expect: 404 });
  await api.call('GET /api/v1/organisations/{id}/champions', { as: 'commissioner', params, expect: 403 });
  await api.call('GET /api/v1/champions', { as: 'caseworker', expect: 200 });
  await api.call('GET /api/v1/champions', { as: 'champion', expect: 403 });
  await api.call('GET /api/v1/champions', { token: 'made-up', expect: 401 });
  const end = (extra) => api.call('POST /api/v1/champions/{id}/end', { params: { id: named.json?.id }, ...extra });
  await end({ as: 'admin', expect: 422, label: 'before they started', body: { until: '2024-01-01' } });
  await end({ as: 'admin', expect: 200, body: { until: today, reason: 'Left the school' } });
  await end({ as: 'admin', expect: 409, label: 'stepped down already', body: { until: today } });
  await end({ as: 'commissioner', expect: 403, body: { until: today } });
  await api.call('POST /api/v1/champions/{id}/end', { as: 'admin', params: { id: 999999 }, expect: 404, body: { until: today } });
}
