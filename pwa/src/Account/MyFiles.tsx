/**
 * "Hồ sơ của tôi" on the account home: the logged-in citizen's numbered files (`GET /api/track/mine`) with their
 * timelines. Loaded on demand by Account (its strings are the officer catalogue's); shows nothing when there is no
 * file, or when the list cannot be read (the account home stays usable).
 */
import { useEffect, useState } from "preact/hooks";
import { type TrackResponseT, TrackMineResponse } from "../../../shared/officer-schemas";
import { get } from "../api";
import { TrackResult } from "../timeline";
import { tOfficer } from "../i18n/officer";

export function MyFiles() {
  const [files, setFiles] = useState<TrackResponseT[] | null>(null);
  useEffect(() => {
    let live = true;
    void get("/api/track/mine", TrackMineResponse).then((res) => live && setFiles(res.ok ? res.data.applications : []));
    return () => {
      live = false;
    };
  }, []);
  if (!files || files.length === 0) return null;
  return (
    <section class="my-files" aria-labelledby="my-files-title">
      <h2 id="my-files-title">{tOfficer().track.mine}</h2>
      {files.map((f) => (
        <TrackResult key={f.reference} file={f} headingLevel={3} next={false} />
      ))}
    </section>
  );
}
