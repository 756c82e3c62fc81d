// Recovery-key handling on screen: split into groups for reading, pick a group to retype.

/** Groups as shown: split on dashes or spaces. */
export function splitKey(key: string): string[] {
  return key.split(/[\s-]+/).filter(Boolean);
}

/** Case- and separator-insensitive form for comparing what was typed. */
export function normaliseKeyPart(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** Which group to ask for: the third when there is one, so the patient must look past the start. */
export function keyConfirmGroup(groups: string[]): number {
  if (groups.length === 0) return 0;
  return Math.min(2, groups.length - 1);
}
