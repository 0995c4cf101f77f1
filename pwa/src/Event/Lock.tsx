/** The lock: the event's PIN, or "Quên mã PIN?" (logging in again online unlocks too). */
import { useState } from "preact/hooks";
import { FieldError } from "../form";
import { Button, Heading } from "../ui";
import { L, setUnlocked } from "./common";
import { hashPin } from "./pin";
import type { LocalSession } from "./store";

/** The locked screen. */
export function Lock({ session, onUnlocked, onLogin }: { session: LocalSession; onUnlocked(): void; onLogin(): void }) {
  const l = L();
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const ok = (await hashPin(pin, session.pinSalt)) === session.pinHash;
    setBusy(false);
    if (ok) {
      setUnlocked(true);
      onUnlocked();
    } else {
      setError(l.pinWrong);
      setPin("");
    }
  }
  return (
    <>
      <Heading>{l.lockedTitle}</Heading>
      <p>{l.lockedIntro}</p>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="event-unlock-pin">{l.pin}</label>
          <input
            id="event-unlock-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            aria-invalid={error ? "true" : undefined}
            aria-describedby={error ? "event-unlock-error" : undefined}
            onInput={(e) => setPin((e.currentTarget as HTMLInputElement).value)}
          />
          {error ? <FieldError id="event-unlock-error" text={error} /> : null}
        </div>
        <div aria-live="assertive" class="sr-only">
          {error ?? ""}
        </div>
        <div class="actions actions-stack">
          <Button type="submit" busy={busy}>
            {l.unlock}
          </Button>
          <Button variant="secondary" onClick={onLogin}>
            {l.forgotPin}
          </Button>
        </div>
      </form>
    </>
  );
}
