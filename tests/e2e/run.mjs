// Runs every user's main journey in headless chromium against a real `ycr serve`.
//   node tests/e2e/run.mjs path/to/ycr
import { Journey, launchBrowser, startService } from './harness.mjs';
import { referrerJourney } from './referrer.mjs';
import { commissionerJourney } from './commissioner.mjs';
import { caseworkerJourney } from './caseworker.mjs';
import { caseworkerToolsJourney } from './caseworker_tools.mjs';
import { adminJourney } from './admin.mjs';
import { dataProtectionJourney } from './data_protection.mjs';
import { surveysJourney } from './surveys.mjs';
import { transferJourney } from './transfer.mjs';
import { youngAdultCarerJourney } from './young_adult_carer.mjs';

const ycr = process.argv[2] || 'build/services/ycr';
const journeys = [
  ['referrer', referrerJourney],
  ['caseworker', caseworkerJourney],
  ['commissioner', commissionerJourney],
  ['caseworker-tools', caseworkerToolsJourney],
  ['admin', adminJourney],
  ['data-protection', dataProtectionJourney],
  ['surveys', surveysJourney],
  ['transfer', transferJourney],
  ['young-adult-carer', youngAdultCarerJourney],
];

const service = await startService(ycr);
const browser = await launchBrowser();
let failed = 0;
try {
  for (const [name, run] of journeys) {
    const journey = new Journey(browser.context, service.base, name);
    await journey.open();
    const started = Date.now();
    try {
      await run(journey);
      console.log(`ok ${name}: ${journey.count} pages checked (${Date.now() - started} ms)`);
    } catch (e) {
      failed += 1;
      console.log(`FAILED ${name} at ${journey.page.url()}: ${e.stack || e}`);
    }
    await journey.page.close();
  }
} finally {
  await browser.close();
  await service.stop();
}
if (failed) {
  console.log(`${failed} journey(s) failed; screenshots are in tests/e2e/artifacts/`);
  process.exit(1);
}
console.log('All journeys passed; screenshots are in tests/e2e/artifacts/');
