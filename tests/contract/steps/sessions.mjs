// Signing in and out, refusals and throttling. Every account signs in here for the later steps.
import { ACCOUNTS, PASSWORD } from '../harness.mjs';

export default async function sessions(api) {
  for (const [name] of ACCOUNTS) await api.signIn(name);
  await api.call('POST /api/v1/sessions', {
    body: { username: 'caseworker', password: 'not the password at all' }, expect: 401, label: 'wrong password',
  });
  await api.call('POST /api/v1/sessions', {
    body: { username: 'caseworker' }, expect: 422, requestViolation: true, label: 'no password',
  });
  await api.call('POST /api/v1/sessions', {
    body: { username: 'caseworker', password: PASSWORD, remember: true }, expect: 422, requestViolation: true,
    label: 'unknown field',
  });
  await api.call('POST /api/v1/sessions', {
    rawBody: '{"username": "caseworker", ', expect: 400, directOnly: true, label: 'malformed JSON',
  });
  // Three free attempts (sign_in_free_attempts = 3), then a growing delay: 1 s, 2 s, 4 s... A slow
  // machine may let a short delay pass between two attempts, so guess until refused.
  for (let i = 0; i < 2; ++i)
    await api.call('POST /api/v1/sessions', {
      body: { username: 'nobody', password: 'guessing again 123' }, expect: 401, label: `guess ${i + 1}`,
    });
  let throttled;
  for (let i = 2; i < 8 && !throttled; ++i) {
    const r = await api.call('POST /api/v1/sessions', {
      body: { username: 'nobody', password: 'guessing again 123' }, label: `guess ${i + 1}`,
    });
    if (r.status === 429) throttled = r;
    else if (r.status !== 401) api.fail('throttled sign-in', `answered ${r.status}`);
  }
  if (!throttled) api.fail('throttled sign-in', 'never answered 429');
  else if (!throttled.headers.get('retry-after')) api.fail('throttled sign-in', 'no Retry-After header');

  // A second session for the caseworker, signed out: its token no longer works.
  const second = await api.call('POST /api/v1/sessions', {
    body: { username: 'caseworker', password: PASSWORD }, expect: 201, label: 'second session',
  });
  await api.call('DELETE /api/v1/sessions/current', { token: second.json.token, expect: 204 });
  await api.call('DELETE /api/v1/sessions/current', { token: second.json.token, expect: 401, label: 'signed out' });
  await api.call('DELETE /api/v1/sessions/current', { token: 'made-up-token', expect: 401, label: 'made-up token' });
}
