// A person's own account: who they are, their sessions, changing their password, and the second
// factor's routes (enrolment is begun here; completing it needs a code from the secret, which the
// C++ tests compute: tests/services/api/accounts_api_test.cpp).
import { PASSWORD } from '../harness.mjs';

export default async function account(api) {
  await api.call('GET /api/v1/account', { as: 'caseworker', expect: 200 });
  await api.call('GET /api/v1/account/sessions', { as: 'caseworker', expect: 200 });
  await api.call('DELETE /api/v1/account/sessions/{id}', {
    as: 'caseworker', params: { id: 999999 }, expect: 404, label: 'not one of theirs',
  });
  // A session of its own, ended from another.
  const spare = await api.call('POST /api/v1/sessions', {
    body: { username: 'commissioner', password: PASSWORD }, expect: 201, label: 'a spare session',
  });
  const listed = await api.call('GET /api/v1/account/sessions', { token: spare.json.token, expect: 200 });
  const spareId = listed.json?.items?.find((s) => s.current)?.id;
  await api.call('DELETE /api/v1/account/sessions/{id}', { as: 'commissioner', params: { id: spareId }, expect: 204 });
  await api.call('GET /api/v1/account', { token: spare.json.token, expect: 401, label: 'the ended session' });

  await api.call('POST /api/v1/account/password', {
    as: 'caseworker', expect: 422, label: 'wrong current password',
    body: { current_password: 'not my password at all', new_password: 'amber lantern quiet river' },
  });
  // Changed and changed back, from a session of its own (a change ends the account's other sessions).
  const own = await api.call('POST /api/v1/sessions', {
    body: { username: 'auditor', password: PASSWORD }, expect: 201, label: 'a session to change from',
  });
  await api.call('POST /api/v1/account/password', {
    token: own.json.token, expect: 204, body: { current_password: PASSWORD, new_password: 'amber lantern quiet river' },
  });
  await api.call('POST /api/v1/account/password', {
    token: own.json.token, expect: 204, label: 'and back',
    body: { current_password: 'amber lantern quiet river', new_password: PASSWORD },
  });
  await api.signIn('auditor');

  await api.call('POST /api/v1/account/second-factor/enrolment', { as: 'manager', expect: 200 });
  await api.call('PUT /api/v1/account/second-factor', {
    as: 'manager', expect: 422, label: 'a code that does not match',
    body: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', code: 'abcdef' },
  });
  await api.call('POST /api/v1/sessions/current/second-factor', {
    as: 'manager', expect: 409, label: 'a session that needs no code', body: { code: '123456' },
  });
}
