// Commissioners' counts and indicators, always through disclosure control.
// The first day of a month, and the last day of a month (offset from this one).
const monthStart = (offset) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
};
const monthEnd = (offset) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset + 1, 0)).toISOString().slice(0, 10);
};

export default async function statistics(api) {
  const range = { from: monthStart(-11), to: monthEnd(0) };
  await api.call('GET /api/v1/stats/counts', {
    as: 'commissioner', expect: 200, query: { measure: 'referrals_received', by: 'route', ...range },
  });
  await api.call('GET /api/v1/stats/counts', {
    as: 'commissioner', expect: 200, label: 'two dimensions',
    query: { measure: 'young_carers_identified', by: 'gender,age_band', ...range },
  });
  await api.call('GET /api/v1/stats/counts', {
    as: 'manager', expect: 200, label: 'no dimension', query: { measure: 'open_cases' },
  });
  // Every measure, so each is held to the schema's list, here by MACA-YC18 band and district.
  for (const measure of ['young_carers_identified', 'referrals_received', 'open_cases', 'transitions',
    'assessments_completed', 'id_cards_issued', 'breaks_attended']) {
    await api.call('GET /api/v1/stats/counts', {
      as: 'commissioner', expect: 200, label: `${measure} by MACA band`,
      query: { measure, by: 'maca_band,district', ...range },
    });
  }
  await api.call('GET /api/v1/stats/counts', {
    as: 'commissioner', expect: 200, label: 'csv', query: { measure: 'referrals_received', by: 'month', format: 'csv', ...range },
  });
  await api.call('GET /api/v1/stats/counts', {
    as: 'commissioner', expect: 422, requestViolation: true, label: 'unknown measure',
    query: { measure: 'children_named' },
  });
  await api.call('GET /api/v1/stats/counts', {
    as: 'commissioner', expect: 422, label: 'part of a month', query: { measure: 'referrals_received', from: '2024-01-15' },
  });
  await api.call('GET /api/v1/stats/counts', { as: 'caseworker', expect: 403, query: { measure: 'open_cases' } });
  await api.call('GET /api/v1/stats/kpis', { as: 'commissioner', expect: 200, query: range });
  await api.call('GET /api/v1/stats/kpis', { as: 'manager', expect: 200, label: 'default period' });
  await api.call('GET /api/v1/stats/counts', {
    as: 'commissioner', expect: 422, label: 'unknown dimension', query: { measure: 'open_cases', by: 'name' },
  });
  await api.call('GET /api/v1/stats/kpis', {
    as: 'commissioner', expect: 422, label: 'to before from', query: { from: monthStart(0), to: monthEnd(-3) },
  });
  await api.call('GET /api/v1/stats/kpis', {
    as: 'commissioner', expect: 422, requestViolation: true, label: 'not a date', query: { from: 'last year' },
  });
  await api.call('GET /api/v1/stats/kpis', { as: 'champion', expect: 403 });
}
