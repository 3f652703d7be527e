// School attendance: the referred young carer goes to Hamilton Academy and agreed to share with it (the
// consents step). Their caseworker records a term and the school's champion corrects it; figures that do
// not add up are refused; another service finds no such young carer and other roles are refused. The case
// is read again so its year group and terms are checked against the schema.
import { yearsAgo } from './referrals.mjs';

export default async function schoolAttendance(api, ctx) {
  const params = { id: ctx.youngCarerId };
  await api.call('PATCH /api/v1/young-carers/{id}', {
    as: 'caseworker', params, expect: 200, label: 'at Hamilton Academy', body: { school_urn: '120345' },
  });
  const now = new Date();
  const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const year = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
  const body = { academic_year: year, term: 'autumn', sessions_possible: 120, sessions_missed: 14, missed_for_caring: 9 };
  const record = (extra) => api.call('POST /api/v1/young-carers/{id}/school-attendance', { params, ...extra });
  await record({ as: 'caseworker', expect: 201, body });
  await record({ as: 'champion', expect: 201, label: 'the school corrects it', body: { ...body, sessions_missed: 15 } });
  await record({ as: 'caseworker', expect: 422, label: 'more for caring than missed', body: { ...body, missed_for_caring: 20 } });
  await record({ as: 'caseworker', expect: 422, requestViolation: true, label: 'no such term', body: { ...body, term: 'winter' } });
  await record({ as: 'caseworker', expect: 422, requestViolation: true, label: 'negative', body: { ...body, sessions_missed: -1 } });
  await record({ as: 'other_caseworker', expect: 404, label: 'not theirs', body });
  await record({ as: 'commissioner', expect: 403, body });
  const read = await api.call('GET /api/v1/young-carers/{id}/school-attendance', { as: 'champion', params, expect: 200 });
  if (read.json?.terms?.length !== 1 || read.json?.history?.length !== 2)
    api.fail('school attendance', 'a second record for the term should correct the first and keep it');
  await api.call('GET /api/v1/young-carers/{id}/school-attendance', { as: 'caseworker', params, expect: 200 });
  await api.call('GET /api/v1/young-carers/{id}/school-attendance', {
    as: 'other_caseworker', params, expect: 404, label: 'not theirs',
  });
  await api.call('GET /api/v1/young-carers/{id}/school-attendance', { as: 'adult_services', params, expect: 403 });
  await api.call('GET /api/v1/young-carers/{id}/school-attendance', { token: 'made-up', params, expect: 401 });
  // The school's CSV: Zoë matched by her folded name and date of birth; a row matching no one is reported.
  const csv = ['UPN,Given name,Family name,Date of birth,Term,Academic year,Sessions possible,Sessions missed,Missed because of caring',
    `A123456789012,ZOE,O'Brien,${yearsAgo(13)},spring,${year},110,8,3`,
    `,Nobody,Here,${yearsAgo(12)},spring,${year},110,8,3`].join('\n');
  const imported = await api.call('POST /api/v1/school/attendance-imports', { as: 'champion', expect: 200, body: { csv } });
  if (imported.json?.recorded !== 1 || imported.json?.problems?.[0]?.row !== 3)
    api.fail('school attendance import', `expected one recorded and row 3 reported: ${JSON.stringify(imported.json)}`);
  await api.call('POST /api/v1/school/attendance-imports', {
    as: 'champion', expect: 422, label: 'missing columns', body: { csv: 'given name,family name\nZoe,O\'Brien\n' },
  });
  await api.call('POST /api/v1/school/attendance-imports', { as: 'caseworker', expect: 403, body: { csv } });
  await api.call('POST /api/v1/school/attendance-imports', { as: 'adult_services', expect: 403, label: 'not a school', body: { csv } });
  await api.call('GET /api/v1/cases/{id}', { as: 'caseworker', params: { id: ctx.caseId }, expect: 200, label: 'with attendance' });
}
