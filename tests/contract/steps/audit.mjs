// The audit trail, for auditors only.
export default async function audit(api, ctx) {
  await api.call('GET /api/v1/audit', { as: 'auditor', expect: 200 });
  await api.call('GET /api/v1/audit', {
    as: 'auditor', expect: 200, label: 'filtered',
    query: { record_type: 'young_carer', record: ctx.youngCarerId, actor: ctx.users?.caseworker,
             from: new Date(Date.now() - 86400000).toISOString().slice(0, 10), limit: 50, offset: 0 },
  });
  await api.call('GET /api/v1/audit', { as: 'auditor', expect: 422, label: 'bad date', query: { from: 'yesterday' } });
  await api.call('GET /api/v1/audit', { as: 'admin', expect: 403 });
  await api.call('GET /api/v1/audit', { token: 'made-up', expect: 401 });
}
