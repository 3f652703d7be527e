// Public routes: health, version, the contract itself, the card-checking key.
export default async function service(api) {
  await api.call('GET /healthz', { expect: 200 });
  await api.call('GET /readyz', { expect: 200 });
  await api.call('GET /api/v1/version', { expect: 200 });
  await api.call('GET /api/v1/openapi.json', { expect: 200 });
  await api.call('GET /api/v1/id-cards/public-key', { expect: 200 });
}
