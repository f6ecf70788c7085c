// How candidates are recognised as the same person: by email (case-insensitive) or by phone number
// written any common UK way.

/** lower(trim(email)), or null when empty. */
export function emailKey(email: string | null | undefined): string | null {
  const k = email?.trim().toLowerCase();
  return k ? k : null;
}

/**
 * The number's digits in UK national form, or null when it has too few digits to compare:
 * "+44 (0)7700 900-123", "0044 7700 900123" and "07700900123" all give "07700900123".
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\(0\)/g, "").replace(/\D/g, "");
  if (phone.trim().startsWith("+44") || digits.startsWith("0044")) digits = `0${digits.replace(/^(00)?44/, "")}`;
  else if (phone.trim().startsWith("+")) digits = `+${digits}`; // another country: kept whole
  return digits.replace(/^\+/, "").length >= 7 ? digits : null;
}
