/** A PDF: "%PDF-" within its first 1024 bytes (as readers allow junk before the header). Kept apart so that telling a PDF costs no PDF module. */
export function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 1024)));
  return head.includes('%PDF-');
}
