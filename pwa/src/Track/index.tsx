/**
 * `/tra-cuu`: "Tra cứu hồ sơ", no login needed. "Mã hồ sơ" and "Số định danh cá nhân" → "Tra cứu"
 * (`POST /api/track`) → the file's timeline with times: received → under review → approved / rejected (with the
 * reason). The receipt's QR code opens `/tra-cuu?ref=…&code=…`: the reference is filled in and the file is shown
 * at once with the tracking code, no ID typed.
 */
import { useEffect, useState } from "preact/hooks";
import type * as z from "zod/mini";
import { OFFICER_FIELD_MESSAGES, TrackBody, TrackResponse, type TrackResponseT } from "../../../shared/officer-schemas";
import { FIELD_MESSAGES } from "../../../shared/schemas";
import { post } from "../api";
import { Field, FormEnd, INPUT, useSchemaForm } from "../form";
import { tOfficer } from "../i18n/officer";
import { TrackResult } from "../timeline";
import { Heading, useTitle } from "../ui";

export function Track() {
  const s = tOfficer().track;
  useTitle(s.title);
  const [file, setFile] = useState<TrackResponseT | null>(null);
  const search = new URLSearchParams(location.search);
  const form = useSchemaForm("track", { reference: (search.get("ref") ?? "").slice(0, 32), citizenId: "" }, TrackBody, {
    messages: { ...FIELD_MESSAGES, ...OFFICER_FIELD_MESSAGES },
  });
  const track = (body: z.infer<typeof TrackBody>) => {
    setFile(null);
    return post("/api/track", body, TrackResponse);
  };
  const submit = form.submit("track", track, setFile);

  // From a receipt's QR code: the reference and the tracking code are in the link.
  useEffect(() => {
    const parsed = TrackBody.safeParse({ reference: search.get("ref") ?? "", trackingCode: search.get("code") ?? "" });
    if (parsed.success) void form.send("track", () => track(parsed.data), setFile);
  }, []);

  return (
    <>
      <Heading>{s.title}</Heading>
      <p>{s.intro}</p>
      <form onSubmit={submit} noValidate>
        <Field {...form.bind("reference")} {...INPUT.code} label={s.reference} hint={s.referenceHint} maxLength={32} />
        <Field {...form.bind("citizenId")} {...INPUT.citizenId} label={s.citizenId} hint={s.citizenIdHint} />
        <FormEnd error={form.req.error} busy={form.req.busy === "track"} submit={s.submit} />
      </form>
      <div aria-live="polite">{file ? <TrackResult file={file} /> : null}</div>
    </>
  );
}
