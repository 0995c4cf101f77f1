/**
 * The check against the population registry ("Cơ sở dữ liệu quốc gia về dân cư", seed 001 Phụ lục 2 step 3):
 * "Đạt" only when the ID, full name, date of birth, gender and phone all agree. The answer names no field.
 */
import type { CccdCard } from "../../../shared/cccd";
import { sameName } from "../../../shared/names";
import type { Citizen } from "../adapters/registry";

/**
 * True when the registry record agrees with the card (and, when given, with the phone in E.164). The name matches
 * without regard to case, spacing or diacritics (typed without a Vietnamese keyboard); every other field exactly.
 */
export function matchesRegistry(
  citizen: Citizen | null,
  card: Pick<CccdCard, "id" | "fullName" | "dob" | "gender">,
  phoneE164?: string,
): boolean {
  if (!citizen) return false;
  return (
    citizen.id === card.id &&
    sameName(citizen.fullName, card.fullName) &&
    citizen.dob === card.dob &&
    citizen.gender === card.gender &&
    (phoneE164 === undefined || citizen.phone === phoneE164)
  );
}

/** The card as a file records it once it matched: the name spelt as the registry spells it, never as typed. */
export function withRegistryName<C extends { fullName: string }>(card: C, citizen: Pick<Citizen, "fullName">): C {
  return { ...card, fullName: citizen.fullName };
}
