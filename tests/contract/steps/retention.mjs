// Retention, for the data protection role (auditor) only: a legal hold placed, listed and released,
// what is due, a dry run and the list of runs, and erasure refused while the case is open.
export default async function retention(api, ctx) {
  const record = { id: ctx.youngCarerId };
  const place = 'POST /api/v1/young-carers/{id}/legal-holds';
  const hold = await api.call(place, {
    as: 'auditor', params: record, body: { reason: 'Complaint under investigation' }, expect: 201,
  });
  await api.call(place, { as: 'auditor', params: record, body: {}, expect: 422, requestViolation: true, label: 'no reason' });
  await api.call(place, { as: 'auditor', params: { id: 999999999 }, body: { reason: 'Litigation' }, expect: 404 });
  await api.call(place, { as: 'caseworker', params: record, body: { reason: 'Litigation' }, expect: 403 });
  await api.call('GET /api/v1/young-carers/{id}/legal-holds', { as: 'auditor', params: record, expect: 200 });
  const release = 'POST /api/v1/legal-holds/{id}/release';
  const held = { id: hold.json?.id };
  await api.call(release, { as: 'auditor', params: held, body: { reason: 'Complaint closed' }, expect: 200 });
  await api.call(release, { as: 'auditor', params: held, body: { reason: 'Again' }, expect: 409, label: 'already released' });
  await api.call('GET /api/v1/retention/due', { as: 'auditor', expect: 200 });
  await api.call('GET /api/v1/retention/due', { as: 'caseworker', expect: 403 });
  await api.call('POST /api/v1/retention/runs', { as: 'auditor', body: { dry_run: true }, expect: 201 });
  await api.call('GET /api/v1/retention/runs', { as: 'auditor', expect: 200 });
  await api.call('GET /api/v1/retention/runs', {
    as: 'auditor', expect: 422, requestViolation: true, label: 'limit too big', query: { limit: 100000 },
  });
  await api.call('POST /api/v1/young-carers/{id}/erasure', {
    as: 'auditor', params: record, body: { reason: 'Asked for erasure' }, expect: 409, label: 'case open',
  });
}
