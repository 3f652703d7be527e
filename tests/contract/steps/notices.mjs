// The notices outbox, for administrators: the referral and case steps before this one left notices
// (the referrer's acknowledgement, the task for adult social care); nobody else may read it.
export default async function notices(api) {
  const list = await api.call('GET /api/v1/notices', { as: 'admin', expect: 200 });
  if (!(list.json?.total > 0)) return api.fail('notices list', 'the earlier steps left no notices');
  await api.call('GET /api/v1/notices', { as: 'admin', expect: 200, label: 'a page', query: { limit: 1, offset: 1 } });
  await api.call('GET /api/v1/notices', {
    as: 'admin', expect: 422, requestViolation: true, label: 'limit too big', query: { limit: 100000 },
  });
  await api.call('GET /api/v1/notices', { as: 'caseworker', expect: 403 });
  await api.call('GET /api/v1/notices', { as: 'champion', expect: 403 });
}
