// Registering, finding, reading and changing young carers' records.
import { yearsAgo } from './referrals.mjs';

export default async function youngCarers(api, ctx) {
  const person = {
    given_name: 'Tomás', family_name: 'Nowak', preferred_name: 'Tom', date_of_birth: yearsAgo(11),
    postcode: 'LE5 1AB', address: '12 Mill Lane, Leicester', school_urn: '120345', gp_practice_ods: 'C82001',
    communication_needs: 'Prefers text messages', gender: 'boy', ethnicity: 'white',
  };
  const created = await api.call('POST /api/v1/young-carers', { as: 'caseworker', expect: 201, body: person });
  ctx.registeredId = created.json?.id;
  await api.call('POST /api/v1/young-carers', { as: 'caseworker', expect: 409, label: 'already registered', body: person });
  await api.call('POST /api/v1/young-carers', {
    as: 'caseworker', expect: 422, label: 'bad postcode', body: { ...person, given_name: 'Ola', postcode: 'NOT A CODE' },
  });
  await api.call('POST /api/v1/young-carers', {
    as: 'caseworker', expect: 422, requestViolation: true, label: 'no date of birth',
    body: { given_name: 'Ola', family_name: 'Nowak', postcode: 'LE5 1AB' },
  });
  await api.call('POST /api/v1/young-carers', { as: 'champion', expect: 403, body: person });

  const found = await api.call('GET /api/v1/young-carers', { as: 'caseworker', expect: 200, query: { q: 'zoe' } });
  ctx.youngCarerId = found.json?.items?.[0]?.id;
  if (!ctx.youngCarerId) api.fail('search', 'the referred young carer was not found by a folded name');
  await api.call('GET /api/v1/young-carers', { as: 'manager', expect: 200, query: { q: 'tom', limit: 5, offset: 0 } });
  await api.call('GET /api/v1/young-carers', { as: 'commissioner', expect: 403, query: { q: 'zoe' } });
  await api.call('GET /api/v1/young-carers', {
    as: 'caseworker', expect: 422, requestViolation: true, label: 'no query', query: {},
  });

  // The same search with the names in the body, kept out of addresses and access logs.
  const posted = await api.call('POST /api/v1/young-carers/search', {
    as: 'caseworker', expect: 200, body: { q: 'zoe' },
  });
  if (posted.json?.items?.[0]?.id !== ctx.youngCarerId) api.fail('search', 'POST search did not give the GET answer');
  await api.call('POST /api/v1/young-carers/search', {
    as: 'manager', expect: 200, body: { q: 'tom', limit: 5, offset: 0 },
  });
  await api.call('POST /api/v1/young-carers/search', { as: 'commissioner', expect: 403, body: { q: 'zoe' } });
  await api.call('POST /api/v1/young-carers/search', {
    as: 'caseworker', expect: 422, requestViolation: true, label: 'no words', body: {},
  });
  await api.call('POST /api/v1/young-carers/search', {
    as: 'caseworker', expect: 422, requestViolation: true, label: 'unknown field', body: { q: 'zoe', name: 'zoe' },
  });

  await api.call('GET /api/v1/young-carers/{id}', { as: 'caseworker', params: { id: ctx.youngCarerId }, expect: 200 });
  await api.call('GET /api/v1/young-carers/{id}', {
    as: 'other_caseworker', params: { id: ctx.youngCarerId }, expect: 404, label: 'another service',
  });
  await api.call('GET /api/v1/young-carers/{id}', { as: 'caseworker', params: { id: 999999 }, expect: 404 });
  await api.call('GET /api/v1/young-carers/{id}', { as: 'admin', params: { id: ctx.youngCarerId }, expect: 403 });

  await api.call('PATCH /api/v1/young-carers/{id}', {
    as: 'caseworker', params: { id: ctx.registeredId }, expect: 200,
    body: { preferred_name: 'Tommy', communication_needs: '' },
  });
  await api.call('PATCH /api/v1/young-carers/{id}', {
    as: 'caseworker', params: { id: ctx.registeredId }, expect: 422, requestViolation: true, label: 'no such date',
    body: { date_of_birth: '2010-02-30' },
  });
  await api.call('PATCH /api/v1/young-carers/{id}', {
    as: 'caseworker', params: { id: ctx.registeredId }, expect: 422, label: 'born in the future',
    body: { date_of_birth: '2099-01-01' },
  });
  await api.call('PATCH /api/v1/young-carers/{id}', {
    as: 'caseworker', params: { id: 999999 }, expect: 404, body: { preferred_name: 'X' },
  });
  // The data protection role corrects any record, saying which request it answers.
  await api.call('PATCH /api/v1/young-carers/{id}', {
    as: 'auditor', params: { id: ctx.registeredId }, expect: 422, label: 'no reason', body: { preferred_name: 'Tom' },
  });
  await api.call('PATCH /api/v1/young-carers/{id}', {
    as: 'auditor', params: { id: ctx.registeredId }, expect: 200,
    body: { preferred_name: 'Tom', reason: 'Rectification request of 3 June' },
  });
  await api.call('PATCH /api/v1/young-carers/{id}', {
    as: 'commissioner', params: { id: ctx.registeredId }, expect: 403, body: { preferred_name: 'X' },
  });
}
