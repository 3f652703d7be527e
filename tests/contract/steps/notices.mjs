// The notices outbox, for administrators: the referral and case steps before this one left notices
// (the referrer's acknowledgement, the task for adult social care); nobody else may read it.
export default async function notices(api, ctx) {
  const list = await api.call('GET /api/v1/notices', { as: 'admin', expect: 200 });
  if (!(list.json?.total > 0)) return api.fail('notices list', 'the earlier steps left no notices');
  await api.call('GET /api/v1/notices', { as: 'admin', expect: 200, label: 'a page', query: { limit: 1, offset: 1 } });
  await api.call('GET /api/v1/notices', {
    as: 'admin', expect: 422, requestViolation: true, label: 'limit too big', query: { limit: 100000 },
  });
  await api.call('GET /api/v1/notices', { as: 'caseworker', expect: 403 });
  await api.call('GET /api/v1/notices', { as: 'champion', expect: 403 });

  // Where an organisation's notices go.
  const school = ctx.organisations?.['Hamilton Academy'];
  if (!school) return api.fail('notices email', 'the admin step found no Hamilton Academy');
  const put = (extra) => api.call('PUT /api/v1/organisations/{id}/notices-email', { params: { id: school }, ...extra });
  await put({ as: 'admin', expect: 200, body: { notices_email: 'office@hamilton.example.org' } });
  await put({ as: 'admin', expect: 422, label: 'not an address', body: { notices_email: 'office' } });
  await put({ as: 'admin', expect: 422, requestViolation: true, label: 'unknown field', body: { notices_email: '', name: 'x' } });
  await put({ as: 'admin', expect: 415, requestViolation: true, label: 'text body', rawBody: 'notices_email=a', contentType: 'text/plain' });
  await put({ as: 'caseworker', expect: 403, body: { notices_email: '' } });
  await api.call('PUT /api/v1/organisations/{id}/notices-email', {
    as: 'admin', params: { id: 999999 }, expect: 404, body: { notices_email: '' },
  });
}
