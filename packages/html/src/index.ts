/**
 * @tidings/html: the one HTML sanitiser (an allow-list walker driven by a
 * policy that the package owning the HTML declares) and HTML to plain text.
 */
export { definePolicy, type PolicyDefinition, type SanitisePolicy } from './policy.js';
export { sanitiseHtml } from './sanitise.js';
export { htmlToText } from './html-to-text.js';
