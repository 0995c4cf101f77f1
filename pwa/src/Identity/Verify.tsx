/**
 * `/xac-thuc`: "Xác thực thông tin", for a shop, a clinic or an office (no login). It reads a citizen's identity
 * QR with the shared scanner (live camera, or a photo), checks the ES256 signature against the published keys
 * (`/.well-known/jwks.json`, kept in localStorage so that it works offline) and the expiry on this device's clock,
 * and shows the fields with "Đã xác thực", or what failed: expired, altered or unknown key.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { Jwks } from "../../../shared/identity-schemas";
import {
  IDENTITY_FIELDS,
  type IdentityVerification,
  type PublicJwk,
  verifyIdentityToken,
} from "../../../shared/identity-token";
import { CameraError, ImageError, decodeImage, preload, start, stop } from "../scanner";
import { CameraFrame } from "../scanner/CameraFrame";
import { Button, Heading } from "../ui";
import { tIdentity } from "../i18n/identity";
import { displayDate, numericVnDateTime } from "../i18n/dates";

const KEYS_STORAGE = "vneid.identityJwks";

/** The keys saved by an earlier visit. */
function savedKeys(): PublicJwk[] {
  try {
    const parsed = Jwks.safeParse(JSON.parse(localStorage.getItem(KEYS_STORAGE) ?? "null"));
    return parsed.success ? (parsed.data.keys as PublicJwk[]) : [];
  } catch {
    return [];
  }
}

/** Fetches the published keys and saves them; on failure (offline) the saved ones. */
async function loadKeys(): Promise<{ keys: PublicJwk[]; offline: boolean }> {
  try {
    const res = await fetch("/.well-known/jwks.json", { cache: "no-cache" });
    const parsed = Jwks.safeParse(await res.json());
    if (res.ok && parsed.success && parsed.data.keys.length > 0) {
      try {
        localStorage.setItem(KEYS_STORAGE, JSON.stringify(parsed.data));
      } catch {
        // storage full or blocked: verify with the keys in memory
      }
      return { keys: parsed.data.keys as PublicJwk[], offline: false };
    }
  } catch {
    // offline
  }
  return { keys: savedKeys(), offline: true };
}

type Mode = "idle" | "scanning" | "reading";

export function Verify() {
  const s = tIdentity();
  const [keys, setKeys] = useState<PublicJwk[]>(savedKeys);
  const [offline, setOffline] = useState(false);
  const [mode, setMode] = useState<Mode>("idle");
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<IdentityVerification | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const keysRef = useRef(keys);
  keysRef.current = keys;

  useEffect(() => {
    document.title = `${s.verify.title} · VNeID`;
  }, [s]);

  useEffect(() => {
    let live = true;
    preload();
    void loadKeys().then((k) => {
      if (!live) return;
      setKeys(k.keys);
      setOffline(k.offline);
    });
    return () => {
      live = false;
      stop();
    };
  }, []);

  async function check(text: string) {
    stop();
    setMode("idle");
    // The keys may still be loading on a slow link: use the saved ones, else wait for the network.
    const list = keysRef.current.length > 0 ? keysRef.current : (await loadKeys()).keys;
    setResult(await verifyIdentityToken(text.trim(), list, Math.floor(Date.now() / 1000)));
  }

  // The camera runs while scanning, and stops when the page is hidden or the screen leaves.
  useEffect(() => {
    if (mode !== "scanning" || !video.current) return;
    let live = true;
    start(video.current, (text) => live && void check(text)).catch((e: unknown) => {
      if (!live) return;
      stop();
      setMode("idle");
      setProblem(e instanceof CameraError ? s.verify.camera : s.verify.loadFailed);
    });
    const onHidden = () => {
      if (document.visibilityState === "hidden") {
        stop();
        setMode("idle");
      }
    };
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      live = false;
      document.removeEventListener("visibilitychange", onHidden);
      stop();
    };
  }, [mode]);

  function scan() {
    setResult(null);
    setProblem(null);
    setMode("scanning");
  }

  async function photo(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    stop();
    setResult(null);
    setProblem(null);
    setMode("reading");
    try {
      const text = await decodeImage(file);
      if (text) await check(text);
      else {
        setMode("idle");
        setProblem(s.verify.noCode);
      }
    } catch (err) {
      setMode("idle");
      setProblem(err instanceof ImageError && err.problem === "not-image" ? s.verify.notImage : s.verify.loadFailed);
    }
  }

  return (
    <>
      <Heading>{s.verify.title}</Heading>
      <p>{s.verify.intro}</p>
      {keys.length === 0 && offline ? (
        <p class="notice notice-warn" role="status">
          {s.verify.noKeys}
        </p>
      ) : offline ? (
        <p class="note" role="status">
          {s.verify.keysOffline}
        </p>
      ) : null}
      <div aria-live="polite">
        {result ? (
          result.ok ? (
            <section class="verify-result verify-ok" aria-labelledby="verify-ok">
              <h2 id="verify-ok">
                <span aria-hidden="true">✔ </span>
                {s.verify.ok}
              </h2>
              <p>{s.verify.okDetail(result.claims.level)}</p>
              <dl class="facts">
                {IDENTITY_FIELDS.filter((f) => result.claims.values[f] !== undefined).map((f) => (
                  <div key={f}>
                    <dt>{s.fields[f]}</dt>
                    <dd>{displayDate(result.claims.values[f] ?? "")}</dd>
                  </div>
                ))}
                <div>
                  <dt>{s.verify.issuedAt}</dt>
                  <dd>{numericVnDateTime(result.claims.iat)}</dd>
                </div>
              </dl>
            </section>
          ) : (
            <section class="verify-result verify-bad" role="alert" aria-labelledby="verify-bad">
              <h2 id="verify-bad">
                <span aria-hidden="true">✖ </span>
                {s.verify.failed}
              </h2>
              <p>
                <strong>{s.verify.reasons[result.reason]}</strong>
              </p>
              {result.reason === "expired" ? <p>{s.verify.expiredHint}</p> : null}
            </section>
          )
        ) : null}
        {problem ? (
          <div role="alert" class="alert">
            <p>{problem}</p>
          </div>
        ) : null}
        {mode === "reading" ? (
          <p class="loading" role="status">
            {s.verify.reading}
          </p>
        ) : null}
      </div>
      {mode === "scanning" ? (
        <div class="camera-box">
          <CameraFrame video={video} label={s.verify.scanHint} />
          <p class="hint">{s.verify.scanHint}</p>
        </div>
      ) : null}
      <div class="actions actions-stack">
        {mode === "scanning" ? (
          <Button variant="secondary" onClick={() => setMode("idle")}>
            {s.verify.stopScan}
          </Button>
        ) : (
          <Button onClick={scan}>{result ? s.verify.again : s.verify.scan}</Button>
        )}
        <div class="file-btn">
          <label for="verify-photo" class="btn btn-secondary">
            {s.verify.photo}
          </label>
          <input id="verify-photo" type="file" accept="image/*" onChange={photo} />
        </div>
      </div>
    </>
  );
}
