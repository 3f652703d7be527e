// Organisations and accounts, managed by admins only.
import crypto from 'node:crypto';

// The code an authenticator app shows now for a base32 secret (RFC 6238: HMAC-SHA1, 30 s, 6 digits).
function totpNow(base32) {
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) bits += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const mac = crypto.createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

export default async function admin(api, ctx) {
  const orgs = await api.call('GET /api/v1/organisations', { as: 'admin', expect: 200 });
  ctx.organisations = Object.fromEntries((orgs.json?.items || []).map((o) => [o.name, o.id]));
  await api.call('GET /api/v1/organisations', { as: 'caseworker', expect: 403 });
  await api.call('GET /api/v1/organisations', { token: 'expired-or-made-up', expect: 401 });

  const school = await api.call('POST /api/v1/organisations', {
    as: 'admin', expect: 201,
    body: {
      kind: 'school', name: 'Oak Academy', identifier: '123456', district: 'Leicester', notices_email: 'office@oak.example.org',
    },
  });
  await api.call('POST /api/v1/organisations', {
    as: 'admin', expect: 409, label: 'name taken', body: { kind: 'school', name: 'Oak Academy', identifier: '123457' },
  });
  await api.call('POST /api/v1/organisations', {
    as: 'admin', expect: 422, label: 'school without URN', body: { kind: 'school', name: 'Elm Primary' },
  });
  await api.call('POST /api/v1/organisations', {
    as: 'admin', expect: 422, label: 'notices address not an email', body: { kind: 'other', name: 'Ash', notices_email: 'ash' },
  });
  await api.call('POST /api/v1/organisations', {
    as: 'admin', expect: 422, requestViolation: true, label: 'unknown kind', body: { kind: 'castle', name: 'Keep' },
  });
  await api.call('POST /api/v1/organisations', {
    as: 'caseworker', expect: 403, body: { kind: 'voluntary', name: 'Helping hands' },
  });
  await api.call('POST /api/v1/organisations', {
    as: 'admin', expect: 415, requestViolation: true, label: 'text body', rawBody: 'kind=school',
    contentType: 'text/plain',
  });

  const users = await api.call('GET /api/v1/users', { as: 'admin', expect: 200 });
  ctx.users = Object.fromEntries((users.json?.items || []).map((u) => [u.username, u.id]));
  await api.call('GET /api/v1/users', { as: 'auditor', expect: 403 });
  const teacher = await api.call('POST /api/v1/users', {
    as: 'admin', expect: 201,
    body: { username: 'oak.champion', display_name: 'Ms Patel', role: 'referrer', organisation_id: school.json?.id },
  });
  const head = await api.call('POST /api/v1/users', {
    as: 'admin', expect: 201, label: 'with a password',
    body: { username: 'oak.head', display_name: 'Mr Jones', role: 'referrer', organisation_id: school.json?.id,
            password: 'Long enough and uncommon 42' },
  });
  await api.call('POST /api/v1/users', {
    as: 'admin', expect: 409, label: 'username taken',
    body: { username: 'oak.champion', display_name: 'Someone else', role: 'referrer',
            organisation_id: school.json?.id },
  });
  await api.call('POST /api/v1/users', {
    as: 'admin', expect: 422, label: 'common password',
    body: { username: 'oak.deputy', display_name: 'Deputy', role: 'referrer', organisation_id: school.json?.id,
            password: 'passwordpassword' },
  });
  await api.call('POST /api/v1/users', {
    as: 'admin', expect: 422, label: 'no such organisation',
    body: { username: 'oak.deputy', display_name: 'Deputy', role: 'referrer', organisation_id: 999999 },
  });
  await api.call('POST /api/v1/users', {
    as: 'admin', expect: 422, requestViolation: true, label: 'missing role',
    body: { username: 'oak.deputy', display_name: 'Deputy', organisation_id: school.json?.id },
  });
  const teacherId = teacher.json?.user?.id ?? teacher.json?.id;
  await api.call('POST /api/v1/users/{id}/reset-password', { as: 'admin', params: { id: teacherId }, expect: 200 });
  await api.call('POST /api/v1/users/{id}/reset-password', { as: 'admin', params: { id: 999999 }, expect: 404 });
  await api.call('POST /api/v1/users/{id}/reset-password', {
    as: 'manager', params: { id: teacherId }, expect: 403,
  });
  // A lost authenticator: Mr Jones enrols one, an administrator removes it.
  const headId = head.json?.user?.id;
  const jones = await api.call('POST /api/v1/sessions', {
    body: { username: 'oak.head', password: 'Long enough and uncommon 42' }, expect: 201, label: 'Mr Jones',
  });
  await api.call('POST /api/v1/users/{id}/reset-second-factor', {
    as: 'admin', params: { id: headId }, expect: 409, label: 'nothing set up yet',
  });
  const enrolment = await api.call('POST /api/v1/account/second-factor/enrolment', {
    token: jones.json?.token, expect: 200, label: 'Mr Jones',
  });
  const secret = enrolment.json?.secret;
  await api.call('PUT /api/v1/account/second-factor', {
    token: jones.json?.token, expect: 200, label: 'a code from the secret', body: { secret, code: totpNow(secret) },
  });
  await api.call('POST /api/v1/users/{id}/reset-second-factor', {
    as: 'manager', params: { id: headId }, expect: 403,
  });
  await api.call('POST /api/v1/users/{id}/reset-second-factor', { as: 'admin', params: { id: 999999 }, expect: 404 });
  await api.call('POST /api/v1/users/{id}/reset-second-factor', { as: 'admin', params: { id: headId }, expect: 200 });
  await api.call('GET /api/v1/account', { token: jones.json?.token, expect: 401, label: 'signed out by the reset' });

  await api.call('POST /api/v1/users/{id}/deactivate', { as: 'admin', params: { id: teacherId }, expect: 200 });
  await api.call('POST /api/v1/users/{id}/deactivate', {
    as: 'admin', params: { id: teacherId }, expect: 200, label: 'again: nothing changes',
  });
  await api.call('POST /api/v1/users/{id}/deactivate', {
    as: 'admin', params: { id: ctx.users.admin }, expect: 409, label: 'own account',
  });
  await api.call('POST /api/v1/users/{id}/deactivate', { as: 'admin', params: { id: 'abc' }, expect: 404 });

  const closing = await api.call('POST /api/v1/organisations', {
    as: 'admin', expect: 201, body: { kind: 'voluntary', name: 'Closing charity' },
  });
  await api.call('POST /api/v1/organisations/{id}/deactivate', {
    as: 'admin', params: { id: closing.json?.id }, expect: 200,
  });
  await api.call('POST /api/v1/organisations/{id}/deactivate', {
    as: 'admin', params: { id: ctx.organisations['Young carers service'] }, expect: 409, label: 'own organisation',
  });
  await api.call('POST /api/v1/organisations/{id}/deactivate', { as: 'admin', params: { id: 999999 }, expect: 404 });
  await api.call('POST /api/v1/organisations/{id}/deactivate', {
    as: 'commissioner', params: { id: closing.json?.id }, expect: 403,
  });
}
