// Activities and breaks with their registers: the service's caseworker adds a trip, offers the
// referred young carer a place, takes the register and finalises it, and the case lists the place;
// another service's caseworker finds none of it, and other roles are refused.
export default async function activities(api, ctx) {
  const today = new Date().toISOString().slice(0, 10);
  const later = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
  const body = { kind: 'trip', title: 'Day at the coast', starts_on: today, ends_on: later, capacity: 1,
                 consent_note: "A parent's form" };
  const created = await api.call('POST /api/v1/activities', { as: 'caseworker', expect: 201, body });
  const id = created.json?.id;
  if (!id) return api.fail('activity', 'no activity was added');
  await api.call('POST /api/v1/activities', {
    as: 'caseworker', expect: 422, requestViolation: true, label: 'unknown kind', body: { ...body, kind: 'party' },
  });
  await api.call('POST /api/v1/activities', {
    as: 'caseworker', expect: 422, label: 'ends before it starts', body: { ...body, ends_on: '2000-01-01' },
  });
  await api.call('POST /api/v1/activities', { as: 'champion', expect: 403, body });
  await api.call('POST /api/v1/activities', {
    as: 'caseworker', expect: 415, requestViolation: true, label: 'text body', rawBody: 'kind=trip', contentType: 'text/plain',
  });
  await api.call('GET /api/v1/activities', { as: 'caseworker', expect: 200 });
  await api.call('GET /api/v1/activities', { as: 'caseworker', expect: 200, label: 'from', query: { from: today } });
  await api.call('GET /api/v1/activities', {
    as: 'caseworker', expect: 422, requestViolation: true, label: 'not a date', query: { from: 'soon' },
  });
  await api.call('GET /api/v1/activities', { as: 'auditor', expect: 403 });
  await api.call('GET /api/v1/activities', { token: 'made-up', expect: 401 });

  const path = { id };
  await api.call('GET /api/v1/activities/{id}', { as: 'caseworker', params: path, expect: 200 });
  await api.call('GET /api/v1/activities/{id}', { as: 'other_caseworker', params: path, expect: 404, label: 'not theirs' });
  await api.call('GET /api/v1/activities/{id}', { as: 'commissioner', params: path, expect: 403 });
  const place = (extra) => api.call('POST /api/v1/activities/{id}/places', { as: 'caseworker', params: path, ...extra });
  await place({ expect: 422, label: 'unknown young carer', body: { young_carer_id: 99999999 } });
  await place({ expect: 201, body: { young_carer_id: ctx.youngCarerId } });
  // A place is withdrawn while nothing is recorded for it, and offered again.
  const withdraw = (extra) => api.call('DELETE /api/v1/activities/{id}/places/{young_carer_id}', {
    params: { id, young_carer_id: ctx.youngCarerId }, ...extra,
  });
  await withdraw({ as: 'other_caseworker', expect: 404, label: 'not theirs' });
  await withdraw({ as: 'champion', expect: 403 });
  await withdraw({ as: 'caseworker', expect: 200 });
  await withdraw({ as: 'caseworker', expect: 404, label: 'no place now' });
  await place({ expect: 201, label: 'offered again', body: { young_carer_id: ctx.youngCarerId } });
  await place({ expect: 409, label: 'full', body: { young_carer_id: ctx.youngCarerId } });
  await api.call('POST /api/v1/activities/{id}/places', {
    as: 'other_caseworker', params: path, expect: 404, label: 'not theirs', body: { young_carer_id: ctx.youngCarerId },
  });

  const register = (extra) => api.call('PUT /api/v1/activities/{id}/register', { as: 'caseworker', params: path, ...extra });
  await register({ expect: 422, label: 'cancelled without a reason',
                   body: { entries: [{ young_carer_id: ctx.youngCarerId, attendance: 'cancelled' }] } });
  await register({ expect: 422, requestViolation: true, label: 'unknown attendance',
                   body: { entries: [{ young_carer_id: ctx.youngCarerId, attendance: 'late' }] } });
  await api.call('POST /api/v1/activities/{id}/finalise', {
    as: 'caseworker', params: path, expect: 409, label: 'register not taken',
  });
  await register({ expect: 200, body: { entries: [{ young_carer_id: ctx.youngCarerId, attendance: 'attended' }] } });
  await withdraw({ as: 'caseworker', expect: 409, label: 'attendance recorded' });
  await api.call('POST /api/v1/activities/{id}/finalise', { as: 'other_caseworker', params: path, expect: 404 });
  await api.call('POST /api/v1/activities/{id}/finalise', { as: 'caseworker', params: path, expect: 200 });
  // The young carer's case lists the place with what the register says.
  const listed = await api.call('GET /api/v1/cases/{id}', {
    as: 'caseworker', params: { id: ctx.caseId }, expect: 200, label: 'with a place on a finalised register',
  });
  if (!listed.json?.activities?.some((p) => p.activity_id === id && p.attendance === 'attended' && p.finalised))
    api.fail('activity', 'the case does not list the attended place');
  await register({ expect: 409, label: 'locked',
                   body: { entries: [{ young_carer_id: ctx.youngCarerId, attendance: 'did_not_attend' }] } });
  await api.call('PUT /api/v1/activities/{id}/register', {
    as: 'other_caseworker', params: path, expect: 404, label: 'not theirs', body: { entries: [] },
  });
  await api.call('PUT /api/v1/activities/{id}/register', { as: 'champion', params: path, expect: 403, body: { entries: [] } });
  await api.call('POST /api/v1/activities/{id}/places', {
    as: 'champion', params: path, expect: 403, body: { young_carer_id: ctx.youngCarerId },
  });
  await api.call('POST /api/v1/activities/{id}/finalise', { as: 'auditor', params: path, expect: 403 });
}
