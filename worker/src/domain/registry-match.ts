/**
 * The check against the population registry ("Cơ sở dữ liệu quốc gia về dân cư", seed 001 Phụ lục 2 step 3):
 * "Đạt" only when the ID, full name, date of birth, gender and phone all agree. The answer names no field.
 */
import { type CccdCard, tidy } from "../../../shared/cccd";
import type { Citizen } from "../adapters/registry";

/** Names compare in NFC with case and spaces folded. */
function foldName(name: string): string {
  return tidy(name).toLocaleLowerCase("vi-VN");
}

/** True when the registry record agrees with the card (and, when given, with the phone in E.164). */
export function matchesRegistry(
  citizen: Citizen | null,
  card: Pick<CccdCard, "id" | "fullName" | "dob" | "gender">,
  phoneE164?: string,
): boolean {
  if (!citizen) return false;
  return (
    citizen.id === card.id &&
    foldName(citizen.fullName) === foldName(card.fullName) &&
    citizen.dob === card.dob &&
    citizen.gender === card.gender &&
    (phoneE164 === undefined || citizen.phone === phoneE164)
  );
}
