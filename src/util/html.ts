/**
 * The one HTML escaper: every text that reaches markup (element content and attribute values,
 * quoted with either quote) goes through it — the published page, the web app's document page
 * (which shows the same parts) and anything else that writes HTML.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"'`]/g, (c) => ENTITIES[c]!);
}
