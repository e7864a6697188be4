/** STUB until the legacy codec lands. */
export function repairMojibakeLine(_line: string): { text: string; encoding: string } | null {
  return null;
}
