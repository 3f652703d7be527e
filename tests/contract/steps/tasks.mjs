// Tasks addressed to another service: the referral step's child cares for a parent not known to adult
// social care, so adult services have a task to list, accept and complete; nobody else may move it.
export default async function tasks(api, ctx) {
  const open = await api.call('GET /api/v1/tasks', { as: 'adult_services', expect: 200, query: { status: 'open' } });
  const task = open.json?.items?.find((t) => t.case_id === ctx.caseId);
  if (!task) return api.fail('task list', 'the referral left no task for adult social care');
  await api.call('GET /api/v1/tasks', { as: 'caseworker', expect: 200, label: 'case staff' });
  await api.call('GET /api/v1/tasks', { as: 'commissioner', expect: 403 });
  await api.call('GET /api/v1/tasks', { as: 'adult_services', expect: 200, label: 'csv', query: { format: 'csv' } });
  await api.call('GET /api/v1/tasks', {
    as: 'caseworker', expect: 200, label: 'xlsx', query: { status: 'open', format: 'xlsx' },
  });
  await api.call('GET /api/v1/tasks', {
    as: 'adult_services', expect: 422, requestViolation: true, label: 'unknown format', query: { format: 'ods' },
  });
  await api.call('GET /api/v1/tasks', {
    as: 'adult_services', expect: 422, requestViolation: true, label: 'unknown status', query: { status: 'lost' },
  });

  const path = { id: task.id };
  await api.call('POST /api/v1/tasks/{id}/accept', { as: 'champion', params: path, expect: 404, label: 'not theirs' });
  await api.call('POST /api/v1/tasks/{id}/accept', { as: 'auditor', params: path, expect: 403 });
  await api.call('POST /api/v1/tasks/{id}/accept', { as: 'adult_services', params: { id: 999999 }, expect: 404 });
  await api.call('POST /api/v1/tasks/{id}/accept', { as: 'adult_services', params: path, expect: 200 });
  await api.call('POST /api/v1/tasks/{id}/accept', {
    as: 'adult_services', params: path, expect: 409, label: 'already accepted',
  });

  const complete = (body, expect, label, extra = {}) =>
    api.call('POST /api/v1/tasks/{id}/complete', { as: 'adult_services', params: path, body, expect, label, ...extra });
  await complete({ outcome: 'sorted' }, 422, 'unknown outcome', { requestViolation: true });
  await complete({ outcome: 'assessed', colour: 'red' }, 422, 'unknown field', { requestViolation: true });
  await api.call('POST /api/v1/tasks/{id}/complete', {
    as: 'adult_services', params: path, expect: 415, requestViolation: true, label: 'text body',
    rawBody: 'outcome=assessed', contentType: 'text/plain',
  });
  await api.call('POST /api/v1/tasks/{id}/complete', {
    as: 'champion', params: path, body: { outcome: 'declined' }, expect: 404, label: 'not theirs',
  });
  await complete({ outcome: 'assessed', note: 'Care package agreed with mum' }, 200);
  await complete({ outcome: 'assessed' }, 409, 'already completed');
}
