/** `/`: what this site is for, and the two ways in. A logged-in citizen goes straight to `/tai-khoan`. */
import { useEffect } from "preact/hooks";
import { t } from "../i18n";
import { Link, navigate, ROUTES } from "../router";
import { fetchMe } from "../session";
import { Heading } from "../ui";

export function Home() {
  useEffect(() => {
    let live = true;
    void fetchMe().then((res) => {
      if (live && res.ok) navigate(ROUTES.account, true);
    });
    return () => {
      live = false;
    };
  }, []);

  return (
    <>
      <Heading>{t.home.title}</Heading>
      <p>{t.home.intro}</p>
      <p class="needs-title">{t.home.needs}</p>
      <ul class="needs">
        {t.home.needItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <div class="actions actions-stack">
        <Link href={ROUTES.activate} class="btn">
          {t.home.activate}
        </Link>
        <Link href={ROUTES.login} class="btn btn-secondary">
          {t.home.login}
        </Link>
      </div>
      <p class="note">{t.home.activatedNote}</p>
    </>
  );
}
