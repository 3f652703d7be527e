// One record per child: the match review queue, deciding a possible match, merging and undoing.
import { referralFor } from './referrals.mjs';

export default async function identity(api, ctx) {
  // Twins: same family name, birthday, postcode and school, different given names. The second is
  // recorded at once and queued for a person, never linked automatically.
  const twin = (given) => referralFor(given, 'Ndlovu', {
    young_person: { given_name: given, family_name: 'Ndlovu', date_of_birth: '2013-05-20', postcode: 'LE5 3QD',
                    school_urn: '120345' },
  });
  await api.call('POST /api/v1/referrals', { as: 'caseworker', expect: 201, label: 'first twin', body: twin('Aisha') });
  const second = await api.call('POST /api/v1/referrals', {
    as: 'caseworker', expect: 201, label: 'second twin', body: twin('Amara'),
  });
  if (second.json?.identity?.outcome !== 'needs_review')
    api.fail('second twin', `expected needs_review, got ${JSON.stringify(second.json?.identity)}`);

  const queue = await api.call('GET /api/v1/matches', { as: 'caseworker', expect: 200 });
  await api.call('GET /api/v1/matches', { as: 'manager', query: { status: 'all', limit: 5 }, expect: 200, label: 'all' });
  await api.call('GET /api/v1/matches', {
    as: 'caseworker', query: { status: 'maybe' }, expect: 422, requestViolation: true, label: 'unknown status',
  });
  await api.call('GET /api/v1/matches', { as: 'champion', expect: 403 });
  await api.call('GET /api/v1/matches', { token: 'made-up', expect: 401 });
  const match = { id: queue.json?.items?.[0]?.id };
  await api.call('GET /api/v1/matches/{id}', { as: 'caseworker', params: match, expect: 200 });
  await api.call('GET /api/v1/matches/{id}', { as: 'other_caseworker', params: match, expect: 404 });
  await api.call('GET /api/v1/matches/{id}', { as: 'caseworker', params: { id: 999999 }, expect: 404, label: 'unknown' });
  await api.call('GET /api/v1/matches/{id}', { as: 'commissioner', params: match, expect: 403 });

  await api.call('POST /api/v1/matches/{id}/decision', {
    as: 'caseworker', params: match, expect: 422, requestViolation: true, label: 'no reason',
    body: { same_child: false },
  });
  await api.call('POST /api/v1/matches/{id}/decision', {
    as: 'caseworker', params: match, expect: 422, label: 'blank reason', body: { same_child: false, reason: '   ' },
  });
  await api.call('POST /api/v1/matches/{id}/decision', {
    as: 'caseworker', params: match, expect: 200, body: { same_child: false, reason: 'Twins: checked with the school' },
  });
  await api.call('POST /api/v1/matches/{id}/decision', {
    as: 'caseworker', params: match, expect: 409, label: 'already decided',
    body: { same_child: true, reason: 'Changed my mind' },
  });
  await api.call('POST /api/v1/matches/{id}/decision', {
    as: 'caseworker', params: { id: 999999 }, expect: 404, body: { same_child: false, reason: 'x' },
  });
  await api.call('POST /api/v1/matches/{id}/decision', {
    as: 'auditor', params: match, expect: 403, body: { same_child: false, reason: 'x' },
  });

  // A merge of two records about one child, then its undoing.
  const referred = async (given, family, dob) => {
    const r = await api.call('POST /api/v1/referrals', {
      as: 'caseworker', expect: 201, label: `${given} ${family}`,
      body: referralFor(given, family, { young_person: { given_name: given, family_name: family, date_of_birth: dob,
                                                          postcode: 'LE4 6BY' } }),
    });
    return r.json?.identity?.young_carer_id;
  };
  const keep = await referred('Olivia', 'Lindqvist', '2011-09-14');
  const other = await referred('Harrison', 'Abubakar', '2009-02-01');
  await api.call('POST /api/v1/young-carers/{id}/merge', {
    as: 'caseworker', params: { id: keep }, expect: 422, requestViolation: true, label: 'no other record',
    body: { reason: 'Same child' },
  });
  await api.call('POST /api/v1/young-carers/{id}/merge', {
    as: 'caseworker', params: { id: keep }, expect: 422, label: 'with itself', body: { other_id: keep, reason: 'Same child' },
  });
  await api.call('POST /api/v1/young-carers/{id}/merge', {
    as: 'caseworker', params: { id: 999999 }, expect: 404, body: { other_id: other, reason: 'Same child' },
  });
  await api.call('POST /api/v1/young-carers/{id}/merge', {
    as: 'champion', params: { id: keep }, expect: 403, body: { other_id: other, reason: 'Same child' },
  });
  const merged = await api.call('POST /api/v1/young-carers/{id}/merge', {
    as: 'caseworker', params: { id: keep }, expect: 201, body: { other_id: other, reason: 'Same child, confirmed by mum' },
  });
  await api.call('POST /api/v1/young-carers/{id}/merge', {
    as: 'caseworker', params: { id: keep }, expect: 409, label: 'already merged', body: { other_id: other, reason: 'Again' },
  });
  const merge = { id: merged.json?.id };
  await api.call('GET /api/v1/merges/{id}', { as: 'manager', params: merge, expect: 200 });
  await api.call('GET /api/v1/merges/{id}', { as: 'caseworker', params: { id: 999999 }, expect: 404 });
  await api.call('GET /api/v1/merges/{id}', { as: 'commissioner', params: merge, expect: 403 });
  await api.call('POST /api/v1/merges/{id}/undo', {
    as: 'caseworker', params: merge, expect: 422, requestViolation: true, label: 'no reason', body: {},
  });
  await api.call('POST /api/v1/merges/{id}/undo', {
    as: 'caseworker', params: merge, expect: 200, body: { reason: 'Different children after all' },
  });
  await api.call('POST /api/v1/merges/{id}/undo', {
    as: 'caseworker', params: merge, expect: 409, label: 'already undone', body: { reason: 'Again' },
  });
  await api.call('POST /api/v1/merges/{id}/undo', {
    as: 'caseworker', params: { id: 999999 }, expect: 404, body: { reason: 'x' },
  });
  await api.call('POST /api/v1/merges/{id}/undo', { as: 'auditor', params: merge, expect: 403, body: { reason: 'x' } });
}
