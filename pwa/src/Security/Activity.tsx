/** `/tai-khoan/hoat-dong`: "Hoạt động của tôi", the account's own audit trail, newest first. */
import { ActivityResponse, type ActivityResponseT } from "../../../shared/account-schemas";
import { numericVnDateTime } from "../i18n/dates";
import { ROUTES } from "../routes";
import { useLoggedInData } from "../useLoggedInData";
import { Heading, useTitle, Loading, NoteLink, Retry } from "../ui";
import { tSecurity } from "../i18n/security";

/** `/tai-khoan/hoat-dong`. */
export function Activity() {
  const a = tSecurity().activity;
  useTitle(a.title);
  const { data, error, reload } = useLoggedInData<ActivityResponseT>("/api/me/activity", ActivityResponse);
  return (
    <>
      <Heading>{a.title}</Heading>
      <p>{a.intro}</p>
      {error ? (
        <Retry error={error} onRetry={reload} label={tSecurity().common.retry} />
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <ol class="list activity">
          {data.items.map((item) => (
            <li key={item.id} class="list-item" data-event={item.event}>
              <p class="list-title">{a.events[item.event] ?? item.label}</p>
              <p class="list-meta">
                <time dateTime={item.at}>{numericVnDateTime(item.at)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      <NoteLink href={ROUTES.account.path}>{a.back}</NoteLink>
    </>
  );
}
