/* global document, window */
// Pages work without JavaScript: these scripts only enhance the GOV.UK Frontend and MoJ
// Frontend components on the page (the service navigation's menu button, error summary focus,
// sortable tables, date pickers and so on). Each library checks that the browser supports it.
import { initAll as initGovukFrontend } from './govuk-frontend.min.js';
import { initAll as initMojFrontend } from './moj-frontend.min.js';

initGovukFrontend();
initMojFrontend();

// A page's "Print" button (recovery codes) prints it; without JavaScript it stays hidden.
for (const button of document.querySelectorAll('[data-app-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
