/** `/tai-khoan/giay-to`: "Giấy tờ tích hợp", the papers of the approved level-2 file with their expiry warnings. */
import { PapersResponse } from "../../../shared/card-api";
import { Alert, Heading, Loading, useTitle } from "../ui";
import { BackToAccount, ValidityLine } from "./common";
import { tCard } from "../i18n/card";
import { useLoggedInData } from "../useLoggedInData";

/** `/tai-khoan/giay-to`: "Giấy tờ tích hợp". */
export function Papers() {
  const s = tCard();
  useTitle(s.papers.title);
  const { data, error } = useLoggedInData("/api/me/papers", PapersResponse);
  return (
    <>
      <Heading>{s.papers.title}</Heading>
      <p>{s.papers.intro}</p>
      {error ? <Alert error={error} /> : null}
      {!data && !error ? <Loading /> : null}
      {data && data.papers.length === 0 ? <p>{s.papers.none}</p> : null}
      {data && data.papers.length > 0 ? (
        <>
          {data.reference ? <p class="list-meta">{s.papers.fromFile(data.reference)}</p> : null}
          <ul class="list">
            {data.papers.map((p) => (
              <li key={p.kind} class="list-item">
                <span class="list-title">{s.papers.kinds[p.kind]}</span>
                <span>
                  {s.papers.number}: <span class="nowrap">{p.number}</span>
                </span>
                <ValidityLine v={p} label={s.validUntil} />
                {p.state === "expiring" ? (
                  <span role="status">
                    <strong>{s.papers.expiringWarning}:</strong> {s.papers.expiringText(p.daysLeft ?? 0)}
                  </span>
                ) : null}
                {p.state === "expired" ? <strong>{s.papers.expiredText}</strong> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <BackToAccount />
    </>
  );
}
