/**
 * `/tra-cuu`: "Tra cứu hồ sơ", no login needed. "Mã hồ sơ" and "Số định danh cá nhân" → "Tra cứu"
 * (`POST /api/track`) → the file's timeline with times: received → under review → approved / rejected (with the
 * reason). The receipt's QR code opens `/tra-cuu?ref=…&code=…`: the reference is filled in and the file is shown
 * at once with the tracking code, no ID typed.
 */
import { useEffect, useState } from "preact/hooks";
import { OFFICER_FIELD_MESSAGES, TrackBody, type TrackResponseT, TrackResponse } from "../../../shared/officer-schemas";
import { FIELD_MESSAGES } from "../../../shared/schemas";
import { post, useRequest } from "../api";
import { vo } from "../i18n-officer";
import { liveDict } from "../i18n/live";
import { Alert, Button, Heading, useTitle } from "../ui";
import { Field, issuesByField, errorsFor, serverFields, useForm } from "../form";
import { TrackResult } from "../timeline";

const tr = liveDict(() => vo.track);
const KEYS = ["reference", "citizenId"] as const;

export function Track() {
  useTitle(tr.title);
  const req = useRequest();
  const [file, setFile] = useState<TrackResponseT | null>(null);
  const search = new URLSearchParams(location.search);
  const form = useForm<(typeof KEYS)[number]>(
    "track",
    { reference: (search.get("ref") ?? "").slice(0, 32), citizenId: "" },
    (v) => errorsFor(issuesByField(TrackBody.safeParse(v), { ...FIELD_MESSAGES, ...OFFICER_FIELD_MESSAGES }), KEYS),
    "blur",
  );

  async function run(body: unknown) {
    setFile(null);
    const res = await req.run("track", () => post("/api/track", body, TrackResponse));
    if (res.ok) {
      setFile(res.data);
      return;
    }
    req.setError(res.error);
    form.setServerErrors(errorsFor(serverFields(res.error), KEYS));
  }

  // From a receipt's QR code: the reference and the tracking code are in the link.
  useEffect(() => {
    const parsed = TrackBody.safeParse({ reference: search.get("ref") ?? "", trackingCode: search.get("code") ?? "" });
    if (parsed.success) void run(parsed.data);
  }, []);

  function submit(e: Event) {
    e.preventDefault();
    if (req.busy || !form.check()) return;
    const parsed = TrackBody.safeParse(form.values);
    if (parsed.success) void run(parsed.data);
  }

  return (
    <>
      <Heading>{tr.title}</Heading>
      <p>{tr.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field
          {...form.bind("reference")}
          label={tr.reference}
          hint={tr.referenceHint}
          autoComplete="off"
          autoCapitalize="characters"
          spellcheck={false}
          maxLength={32}
        />
        <Field
          {...form.bind("citizenId")}
          label={tr.citizenId}
          hint={tr.citizenIdHint}
          inputMode="numeric"
          autoComplete="off"
          maxLength={20}
          spellcheck={false}
        />
        {req.error ? <Alert error={req.error} /> : null}
        <div class="actions">
          <Button type="submit" busy={req.busy === "track"}>
            {tr.submit}
          </Button>
        </div>
      </form>
      <div aria-live="polite">{file ? <TrackResult file={file} /> : null}</div>
    </>
  );
}
