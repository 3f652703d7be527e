// Referrals from any door, and what each referrer may see of them.
export const isoDate = (d) => d.toISOString().slice(0, 10);
export const yearsAgo = (n) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - n);
  return isoDate(d);
};

export const referralFor = (givenName, familyName, extra = {}) => ({
  young_person: { given_name: givenName, family_name: familyName, date_of_birth: yearsAgo(13), postcode: 'LE2 7GH',
                  gender: 'girl', ethnicity: 'asian' },
  caring_summary: 'Helps mum with her medication and cooks most evenings',
  cared_for: [{ relationship: 'parent', conditions: ['mental_ill_health'], lives_with_young_carer: true,
                known_to_adult_social_care: false }],
  young_person_aware: true,
  parent_aware: true,
  ...extra,
});

export default async function referrals(api, ctx) {
  const fromSchool = await api.call('POST /api/v1/referrals', {
    as: 'champion', expect: 201, body: referralFor('Zoë', "O'Brien"),
  });
  ctx.referenceFromSchool = fromSchool.json?.reference;
  await api.call('POST /api/v1/referrals', {
    as: 'caseworker', expect: 201, label: 'by phone', body: referralFor('Amira', 'Khan', {
      received_at: new Date(Date.now() - 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      safeguarding_concern: true, safeguarding_detail: 'Mum says she is struggling to cope',
    }),
  });
  await api.call('POST /api/v1/referrals', {
    as: 'champion', expect: 422, label: 'born in the future',
    body: referralFor('Sam', 'Lee', { young_person: { given_name: 'Sam', family_name: 'Lee',
                                                      date_of_birth: yearsAgo(-1), postcode: 'LE2 7GH' } }),
  });
  await api.call('POST /api/v1/referrals', {
    as: 'champion', expect: 422, label: 'safeguarding without detail',
    body: referralFor('Sam', 'Lee', { safeguarding_concern: true }),
  });
  await api.call('POST /api/v1/referrals', {
    as: 'champion', expect: 422, requestViolation: true, label: 'unknown field',
    body: referralFor('Sam', 'Lee', { urgency: 'high' }),
  });
  await api.call('POST /api/v1/referrals', {
    as: 'champion', expect: 413, label: 'body over max_body_bytes',
    body: referralFor('Sam', 'Lee', { caring_summary: 'x'.repeat(70000) }),
  });
  await api.call('POST /api/v1/referrals', { as: 'commissioner', expect: 403, body: referralFor('Sam', 'Lee') });

  await api.call('GET /api/v1/referrals', { as: 'champion', expect: 200 });
  const all = await api.call('GET /api/v1/referrals', { as: 'caseworker', expect: 200, query: { limit: 10 } });
  ctx.referenceByPhone = all.json?.items?.find((r) => r.reference !== ctx.referenceFromSchool)?.reference;
  await api.call('GET /api/v1/referrals', { as: 'auditor', expect: 403 });
  await api.call('GET /api/v1/referrals', {
    as: 'caseworker', expect: 422, requestViolation: true, label: 'limit too large', query: { limit: 100000 },
  });

  await api.call('GET /api/v1/referrals/{ref}', { as: 'champion', params: { ref: ctx.referenceFromSchool }, expect: 200 });
  await api.call('GET /api/v1/referrals/{ref}', {
    as: 'caseworker', params: { ref: ctx.referenceFromSchool }, expect: 200, label: 'case staff',
  });
  // The school may not learn that another door's referral exists.
  await api.call('GET /api/v1/referrals/{ref}', {
    as: 'champion', params: { ref: ctx.referenceByPhone }, expect: 404, label: 'another organisation',
  });
  await api.call('GET /api/v1/referrals/{ref}', { as: 'caseworker', params: { ref: 'YCR-NOPE' }, expect: 404 });
  await api.call('GET /api/v1/referrals/{ref}', {
    as: 'commissioner', params: { ref: ctx.referenceFromSchool }, expect: 403,
  });
}
