/**
 * Text as HTML character data or an attribute value: nothing typed becomes markup.
 * Pages are written with hono/html, which escapes alike; this stays for the HTML
 * inside RSS, Atom and JSON Feed items (syndication.ts), which the domain hands to
 * the `feed` library as plain strings, without Hono.
 */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
