// Households: a sibling referred as caring for the same mum links to her (and no second task for adult
// social care is made); case staff link and unlink people cared for; nobody else may.
import { referralFor, yearsAgo } from './referrals.mjs';

export default async function households(api, ctx) {
  const kase = await api.call('GET /api/v1/cases/{id}', { as: 'caseworker', params: { id: ctx.caseId }, expect: 200 });
  const mum = kase.json?.household?.[0]?.cared_for_person_id;
  if (!mum) return api.fail('household', 'the referred young carer has no one cared for in their household');
  const sibling = (sameAs) => {
    const body = referralFor('Kofi', 'Mensah', { young_person: { given_name: 'Kofi', family_name: 'Mensah',
      date_of_birth: yearsAgo(10), postcode: 'LE2 7GH' } });
    body.cared_for[0].same_as_cared_for_person = sameAs;
    return body;
  };
  await api.call('POST /api/v1/referrals', {
    as: 'caseworker', body: sibling(999999), expect: 422, label: 'unknown person cared for',
  });
  const receipt = await api.call('POST /api/v1/referrals', {
    as: 'caseworker', body: sibling(mum), expect: 201, label: 'same person as a sibling cares for',
  });
  const referral = await api.call('GET /api/v1/referrals/{ref}', {
    as: 'caseworker', params: { ref: receipt.json?.reference }, expect: 200, label: 'sibling',
  });
  const siblingCase = await api.call('GET /api/v1/cases/{id}', {
    as: 'caseworker', params: { id: referral.json?.case_id }, expect: 200, label: 'sibling',
  });
  const member = siblingCase.json?.household?.[0];
  if (!member?.other_young_carers?.some((o) => o.case_id === ctx.caseId))
    api.fail('household', 'the sibling\'s case does not show the other young carer caring for the same mum');

  const params = { id: siblingCase.json?.young_carer?.id, cfid: member?.cared_for_person_id };
  const link = (as, body, expect, label, extra = {}) =>
    api.call('PUT /api/v1/young-carers/{id}/cared-for/{cfid}/household', { as, params, body, expect, label, ...extra });
  await link('caseworker', { same_as_cared_for_person: mum }, 200, 'said again');
  await link('champion', { same_as_cared_for_person: mum }, 403);
  await link('other_caseworker', { same_as_cared_for_person: mum }, 404, 'another service');
  await link('caseworker', { same_as_cared_for_person: 'mum' }, 422, 'not an id', { requestViolation: true });
  await link('caseworker', { same_as_cared_for_person: params.cfid }, 422, 'their own');
  const unlink = (as, expect, label) =>
    api.call('DELETE /api/v1/young-carers/{id}/cared-for/{cfid}/household', { as, params, expect, label });
  await unlink('other_caseworker', 404, 'another service');
  await unlink('caseworker', 200);
  await unlink('caseworker', 409, 'linked to no one');
}
