// Starts GOV.UK Frontend's components (error summary focus, radios, service navigation, ...).
// Every page works without this: it only enhances.
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();
