// Subject access exports, for the data protection role (auditor) only: JSON and the HTML document.
export default async function subjectAccess(api, ctx) {
  const op = 'GET /api/v1/young-carers/{id}/subject-access';
  const id = { id: ctx.youngCarerId };
  const json = await api.call(op, { as: 'auditor', params: id, expect: 200 });
  if (json.json?.format !== 'ycr.subject_access') api.fail(op, 'the export does not say its format');
  await api.call(op, { as: 'auditor', params: id, expect: 200, label: 'html', query: { format: 'html' } });
  await api.call(op, { as: 'auditor', params: id, expect: 200, label: 'Accept: text/html', accept: 'text/html' });
  await api.call(op, {
    as: 'auditor', params: id, expect: 422, requestViolation: true, label: 'unknown format', query: { format: 'pdf' },
  });
  await api.call(op, { as: 'auditor', params: { id: 999999999 }, expect: 404, label: 'unknown record' });
  await api.call(op, { as: 'caseworker', params: id, expect: 403 });
  await api.call(op, { token: 'made-up', params: id, expect: 401 });
}
