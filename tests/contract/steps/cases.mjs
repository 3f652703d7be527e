// Work lists, a case and its history, and events: the only way a case moves.
export default async function cases(api, ctx) {
  const list = await api.call('GET /api/v1/cases', { as: 'caseworker', expect: 200 });
  const mine = list.json?.items?.find((c) => c.young_carer_id === ctx.youngCarerId);
  ctx.caseId = mine?.id;
  if (!ctx.caseId) api.fail('work list', 'the referred young carer has no case in the list');
  await api.call('GET /api/v1/cases', {
    as: 'manager', expect: 200, label: 'filtered', query: { state: 'referred', overdue: 'false', owner: 'me', limit: 20 },
  });
  await api.call('GET /api/v1/cases', { as: 'champion', expect: 403 });
  await api.call('GET /api/v1/cases', {
    as: 'caseworker', expect: 422, requestViolation: true, label: 'unknown state', query: { state: 'lost' },
  });
  await api.call('GET /api/v1/cases', { as: 'caseworker', expect: 422, label: 'bad owner', query: { owner: 'someone' } });
  // The same lists as files to take away (staff exports): the whole list, so paging does not go with them.
  const csv = await api.call('GET /api/v1/cases', {
    as: 'caseworker', expect: 200, label: 'csv', query: { open: 'true', format: 'csv' },
  });
  if (!csv.text.replace(/^\ufeff/, '').startsWith('Case,Young carer,')) api.fail('csv export', csv.text.slice(0, 80));
  await api.call('GET /api/v1/cases', { as: 'manager', expect: 200, label: 'xlsx', query: { owner: 'me', format: 'xlsx' } });
  await api.call('GET /api/v1/cases', {
    as: 'caseworker', expect: 422, requestViolation: true, label: 'unknown format', query: { format: 'pdf' },
  });
  await api.call('GET /api/v1/cases', { as: 'caseworker', expect: 422, label: 'paged export', query: { format: 'csv', limit: 10 } });
  await api.call('GET /api/v1/cases', { as: 'champion', expect: 403, label: 'csv', query: { format: 'csv' } });

  const path = { id: ctx.caseId };
  await api.call('GET /api/v1/cases/{id}', { as: 'caseworker', params: path, expect: 200 });
  await api.call('GET /api/v1/cases/{id}', { as: 'other_caseworker', params: path, expect: 404, label: 'another service' });
  await api.call('GET /api/v1/cases/{id}', { as: 'commissioner', params: path, expect: 403 });
  await api.call('GET /api/v1/cases/{id}', { as: 'caseworker', params: { id: 999999 }, expect: 404 });

  const event = (body, expect, label) =>
    api.call('POST /api/v1/cases/{id}/events', { as: 'caseworker', params: path, body, expect, label });
  await event({ event: 'agree_plan' }, 409, 'not allowed now');
  await event({ event: 'escalate_safeguarding' }, 422, 'no reason');
  await api.call('POST /api/v1/cases/{id}/events', {
    as: 'caseworker', params: path, body: { event: 'teleport' }, expect: 422, requestViolation: true,
    label: 'unknown event',
  });
  await event({ event: 'acknowledge' }, 200);
  await event({ event: 'accept_for_assessment' }, 200);
  await event({ event: 'start_assessment', expected_version: 1 }, 409, 'stale version');
  await event({ event: 'start_assessment' }, 200);
  await api.call('POST /api/v1/cases/{id}/events', {
    as: 'caseworker', params: { id: 999999 }, body: { event: 'acknowledge' }, expect: 404,
  });
  await api.call('POST /api/v1/cases/{id}/events', {
    as: 'commissioner', params: path, body: { event: 'acknowledge' }, expect: 403,
  });
  // A transfer to another young carers service: a team manager's, and only to a service on the register.
  await event({ event: 'assign', assign_team: 'Other carers service', reason: 'Moved' }, 403, 'transfer by a caseworker');
  await api.call('POST /api/v1/cases/{id}/events', {
    as: 'manager', params: path, body: { event: 'assign', assign_team: 'No such service' }, expect: 422,
    label: 'transfer to no service',
  });

  await api.call('GET /api/v1/cases/{id}/timeline', { as: 'caseworker', params: path, expect: 200 });
  await api.call('GET /api/v1/cases/{id}/timeline', { as: 'other_caseworker', params: path, expect: 404 });
  await api.call('GET /api/v1/cases/{id}/timeline', { as: 'auditor', params: path, expect: 403 });
}
