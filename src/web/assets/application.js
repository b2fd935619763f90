// Pages work without JavaScript; this only enhances the GOV.UK and MoJ components.
import { initAll as initGovuk } from '/assets/javascripts/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/javascripts/moj-frontend.min.js';

initGovuk();
initMoj();
