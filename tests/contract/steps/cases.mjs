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

  await api.call('GET /api/v1/cases/{id}/timeline', { as: 'caseworker', params: path, expect: 200 });
  await api.call('GET /api/v1/cases/{id}/timeline', { as: 'other_caseworker', params: path, expect: 404 });
  await api.call('GET /api/v1/cases/{id}/timeline', { as: 'auditor', params: path, expect: 403 });
}
