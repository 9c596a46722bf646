// Splits a pasted or chosen CSV file's lines for the import preview (the server parses and validates it for real):
// how many entries it holds and whether its header names the idToken column.
export function csvSummary(text: string): { entries: number; header: string[]; hasIdToken: boolean } {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  return { entries: Math.max(0, lines.length - 1), header, hasIdToken: header.includes('idToken') };
}

// "CP-1, CP-2 ,," -> ["CP-1", "CP-2"]; empty -> null (every station).
export function stationList(text: string): string[] | null {
  const ids = text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  return ids.length > 0 ? [...new Set(ids)] : null;
}
