// Surveys: the caseworker of the referred young carer makes a single-use link (shown once), is refused
// one emailed on a register that sends no email, and lists
// what was sent; another service finds no such young carer; a commissioner reads the results of the
// last ended financial year, and is refused a year not ended, a made-up survey and any other filter.
export default async function surveys(api, ctx) {
  const list = await api.call('GET /api/v1/surveys', { as: 'caseworker', expect: 200 });
  if (!list.json?.items?.some((s) => s.id === 'feeling-heard'))
    api.fail('surveys', 'the shipped feeling-heard survey should be listed');
  await api.call('GET /api/v1/surveys', { as: 'champion', expect: 403 });
  const invite = (extra) => api.call('POST /api/v1/surveys/invitations', extra);
  const body = { young_carer_id: Number(ctx.youngCarerId), survey_id: 'feeling-heard' };
  const made = await invite({ as: 'caseworker', expect: 201, body });
  if (!/\/survey\/[0-9a-f]{64}$/.test(made.json?.link ?? ''))
    api.fail('survey invitation', `the link should end in a 256-bit token: ${made.json?.link}`);
  await invite({ as: 'caseworker', expect: 201, label: 'after a review', body: { ...body, occasion: 'review_completed', occasion_on: '2024-01-10' } });
  // This register sends no email (neither smtp_host nor notify_api_key_file): send_to is refused, said
  // on its field. tests/notices/notices.mjs emails one through a real mail server.
  const unsent = await invite({ as: 'caseworker', expect: 422, label: 'no email set up', body: { ...body, send_to: "zoe.o'brien@example.org" } });
  if (!JSON.stringify(unsent.json ?? {}).includes('email_not_set_up'))
    api.fail('survey invitation', `send_to without email set up should say so: ${JSON.stringify(unsent.json)}`);
  await invite({ as: 'caseworker', expect: 422, label: 'no such survey', body: { ...body, survey_id: 'made-up' } });
  await invite({ as: 'caseworker', expect: 422, requestViolation: true, label: 'no such occasion', body: { ...body, occasion: 'birthday' } });
  await invite({ as: 'other_caseworker', expect: 404, label: 'not theirs', body });
  await invite({ as: 'commissioner', expect: 403, body });
  const sent = await api.call('GET /api/v1/surveys/invitations', {
    as: 'caseworker', query: { young_carer_id: ctx.youngCarerId }, expect: 200,
  });
  if (sent.json?.items?.length !== 2 || sent.json.items.some((i) => 'link' in i || 'token_hash' in i))
    api.fail('survey invitations', 'two invitations, none with its link or token');
  await api.call('GET /api/v1/surveys/invitations', {
    as: 'other_caseworker', query: { young_carer_id: ctx.youngCarerId }, expect: 404, label: 'not theirs',
  });
  await api.call('GET /api/v1/surveys/due', { as: 'caseworker', expect: 200 });
  await api.call('GET /api/v1/surveys/due', { as: 'commissioner', expect: 403 });
  const results = (extra) => api.call('GET /api/v1/surveys/{id}/results', { params: { id: 'feeling-heard' }, ...extra });
  const r = await results({ as: 'commissioner', expect: 200 });
  if (r.json?.versions?.length !== 1 || r.json.available_years?.length !== 5)
    api.fail('survey results', `one version and five ended years: ${JSON.stringify(r.json)}`);
  await results({ as: 'commissioner', expect: 422, label: 'a year not ended', query: { year: '2099/00' } });
  await results({ as: 'commissioner', expect: 422, label: 'another filter', query: { district: 'North' } });
  await results({ as: 'caseworker', expect: 403 });
  await api.call('GET /api/v1/surveys/{id}/results', { as: 'commissioner', params: { id: 'made-up' }, expect: 404 });
}
