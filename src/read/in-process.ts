/** Which files the command line reads in its own process (read/local.ts); no imports, so that main.ts can ask before loading anything. */

/** Text and JSON files up to this size are read in process by the command line. */
export const IN_PROCESS_MAX_BYTES = 256 * 1024;

/** A PDF, as isPdf: "%PDF-" in the first 1024 bytes. */
export function isPdfHead(head: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(head.subarray(0, 1024)).includes('%PDF-');
}

/** A PDF or a ZIP (XLSX): what the reading child is for. */
function needsDecoder(head: Uint8Array): boolean {
  if (head[0] === 0x50 && head[1] === 0x4b) return true;
  return isPdfHead(head);
}

/** Whether a file of this size, beginning with these bytes (at least its first 1024), may be read in process. */
export function readsInProcess(size: number, head: Uint8Array): boolean {
  return size <= IN_PROCESS_MAX_BYTES && !needsDecoder(head);
}
