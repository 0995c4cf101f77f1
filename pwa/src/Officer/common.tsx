/** What the console's screens share: what they get from the console, the units, phone numbers as people write them. */
import { useEffect, useState } from "preact/hooks";
import { type OfficerMeT, UnitsResponse } from "../../../shared/officer-schemas";
import { type ApiError, get } from "../api";
import { SelectField } from "../form";

/** What the screens get from the console. */
export interface ConsoleProps {
  me: OfficerMeT;
  /**
   * Handles the answers that concern the session itself: 401 (back to "Đăng nhập cán bộ", keeping this path) and
   * 403 PASSWORD_CHANGE_REQUIRED. True when it did; the screen shows any other error itself.
   */
  sessionFailed(error: ApiError): boolean;
}

/** A Vietnamese mobile number as people write it: `+84912345678` → `0912345678` (anything else as it is). */
export function displayPhone(phone: string): string {
  const m = /^\+84(\d{9})$/.exec(phone);
  return m ? `0${m[1]}` : phone;
}

/** The units a province_admin may choose (`GET /api/units`); none until they arrive, or when not `enabled`. */
export function useUnits(enabled: boolean): Array<{ code: string; name: string }> {
  const [units, setUnits] = useState<Array<{ code: string; name: string }>>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void get("/api/units", UnitsResponse).then((res) => live && res.ok && setUnits(res.data.units));
    return () => {
      live = false;
    };
  }, [enabled]);
  return units;
}

/** "Đơn vị": a province_admin's choice of unit (`any`: the label of "every unit", first). */
export function UnitSelect({
  id,
  label,
  value,
  onChange,
  units,
  any,
}: {
  id: string;
  label: string;
  value: string;
  onChange(code: string): void;
  units: Array<{ code: string; name: string }>;
  any?: string;
}) {
  return (
    <SelectField id={id} label={label} value={value} onChange={onChange}>
      {any !== undefined ? <option value="">{any}</option> : null}
      {units.map((u) => (
        <option key={u.code} value={u.code}>
          {u.name}
        </option>
      ))}
    </SelectField>
  );
}
