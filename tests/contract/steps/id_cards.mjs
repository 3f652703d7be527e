// ID cards: issue, list, print, renew, report lost, revoke, and the public check.
export default async function idCards(api, ctx) {
  const yc = { id: ctx.youngCarerId };
  await api.call('POST /api/v1/young-carers/{id}/id-cards', {
    as: 'caseworker', params: yc, expect: 422, label: 'no consent',
    body: { young_carer_consent: false, parent_consent: 'given' },
  });
  await api.call('POST /api/v1/young-carers/{id}/id-cards', {
    as: 'caseworker', params: yc, expect: 422, label: 'parent not asked, no note',
    body: { young_carer_consent: true, parent_consent: 'not_sought' },
  });
  await api.call('POST /api/v1/young-carers/{id}/id-cards', {
    as: 'caseworker', params: yc, expect: 422, requestViolation: true, label: 'unknown sharing area',
    body: { young_carer_consent: true, parent_consent: 'given', sharing: ['everything'] },
  });
  const issued = await api.call('POST /api/v1/young-carers/{id}/id-cards', {
    as: 'caseworker', params: yc, expect: 201,
    body: { young_carer_consent: true, parent_consent: 'given', sharing: ['medication', 'diagnosis'] },
  });
  await api.call('POST /api/v1/young-carers/{id}/id-cards', {
    as: 'caseworker', params: yc, expect: 409, label: 'already has an active card',
    body: { young_carer_consent: true, parent_consent: 'given' },
  });
  await api.call('POST /api/v1/young-carers/{id}/id-cards', {
    as: 'caseworker', params: { id: 999999 }, expect: 404, body: { young_carer_consent: true, parent_consent: 'given' },
  });
  await api.call('POST /api/v1/young-carers/{id}/id-cards', {
    as: 'champion', params: yc, expect: 403, body: { young_carer_consent: true, parent_consent: 'given' },
  });

  await api.call('GET /api/v1/young-carers/{id}/id-cards', { as: 'caseworker', params: yc, expect: 200 });
  // Whether they want a card: recorded by their case staff, shown with their cards.
  const wish = (extra) => api.call('PUT /api/v1/young-carers/{id}/id-card-wish', { params: yc, ...extra });
  await wish({ as: 'caseworker', expect: 422, requestViolation: true, label: 'not a yes or no', body: { wants_card: 'maybe' } });
  await wish({ as: 'caseworker', expect: 422, requestViolation: true, label: 'missing', body: {} });
  await wish({ as: 'other_caseworker', expect: 404, body: { wants_card: true } });
  await wish({ as: 'commissioner', expect: 403, body: { wants_card: true } });
  await wish({ as: 'caseworker', expect: 200, body: { wants_card: true } });
  const listed = await api.call('GET /api/v1/young-carers/{id}/id-cards', {
    as: 'caseworker', params: yc, expect: 200, label: 'with their answer',
  });
  if (listed.json?.wants_card !== true) api.fail('id card wish', 'the list does not say they want a card');
  await api.call('GET /api/v1/young-carers/{id}/id-cards', { as: 'other_caseworker', params: yc, expect: 404 });
  await api.call('GET /api/v1/young-carers/{id}/id-cards', { as: 'commissioner', params: yc, expect: 403 });

  const number = { number: issued.json?.number };
  await api.call('GET /api/v1/id-cards/{number}/card.svg', { as: 'caseworker', params: number, expect: 200 });
  await api.call('GET /api/v1/id-cards/{number}/card.svg', { as: 'caseworker', params: { number: 'YC0000000000' }, expect: 404 });
  await api.call('GET /api/v1/id-cards/{number}/card.svg', { as: 'auditor', params: number, expect: 403 });

  // The public check, as a phone camera would open it and as JSON.
  const token = issued.json?.verify_url?.split('/verify/')[1];
  await api.call('GET /verify/{token}', { params: { token }, accept: 'application/json', expect: 200 });
  await api.call('GET /verify/{token}', { params: { token }, accept: 'text/html', expect: 200, label: 'page' });
  await api.call('GET /verify/{token}', {
    params: { token: 'not-a-card-token' }, accept: 'application/json', expect: 200, label: 'unknown',
  });

  const renewed = await api.call('POST /api/v1/id-cards/{number}/renew', { as: 'caseworker', params: number, expect: 200 });
  await api.call('POST /api/v1/id-cards/{number}/renew', { as: 'caseworker', params: { number: 'YC0000000000' }, expect: 404 });
  await api.call('POST /api/v1/id-cards/{number}/renew', { as: 'commissioner', params: number, expect: 403 });
  const current = { number: renewed.json?.number };
  const replacement = await api.call('POST /api/v1/id-cards/{number}/lost', { as: 'caseworker', params: current, expect: 201 });
  await api.call('POST /api/v1/id-cards/{number}/lost', {
    as: 'caseworker', params: current, expect: 409, label: 'already replaced',
  });
  await api.call('POST /api/v1/id-cards/{number}/lost', { as: 'caseworker', params: { number: 'YC0000000000' }, expect: 404 });
  await api.call('POST /api/v1/id-cards/{number}/lost', { as: 'champion', params: current, expect: 403 });
  await api.call('POST /api/v1/id-cards/{number}/renew', {
    as: 'caseworker', params: current, expect: 409, label: 'revoked card',
  });
  const latest = { number: replacement.json?.number };
  await api.call('POST /api/v1/id-cards/{number}/revoke', {
    as: 'caseworker', params: latest, expect: 422, label: 'no reason', body: { reason: '' },
  });
  await api.call('POST /api/v1/id-cards/{number}/revoke', {
    as: 'caseworker', params: latest, expect: 200, body: { reason: 'Family asked for it back' },
  });
  await api.call('POST /api/v1/id-cards/{number}/revoke', {
    as: 'caseworker', params: latest, expect: 409, label: 'already revoked', body: { reason: 'Again' },
  });
  await api.call('POST /api/v1/id-cards/{number}/revoke', {
    as: 'caseworker', params: { number: 'YC0000000000' }, expect: 404, body: { reason: 'Lost' },
  });
  await api.call('POST /api/v1/id-cards/{number}/revoke', {
    as: 'manager', params: latest, expect: 422, requestViolation: true, label: 'unknown field',
    body: { reason: 'Lost', notify: true },
  });
  await api.call('POST /api/v1/id-cards/{number}/revoke', {
    as: 'auditor', params: latest, expect: 403, body: { reason: 'Lost' },
  });
  await api.call('GET /verify/{token}', {
    params: { token: latest.number ? token : 'x' }, accept: 'application/json', expect: 200, label: 'revoked',
  });
  // verify_rate_per_minute = 20 per address: the rest of the minute is refused.
  let refused;
  for (let i = 0; i < 20 && !refused; ++i) {
    const r = await api.call('GET /verify/{token}', {
      params: { token }, accept: 'application/json', label: `rate ${i}`,
    });
    if (r.status === 429) refused = r;
  }
  if (!refused) api.fail('GET /verify/{token}', 'never rate-limited');
  else if (!refused.headers.get('retry-after')) api.fail('GET /verify/{token}', '429 without Retry-After');
}
