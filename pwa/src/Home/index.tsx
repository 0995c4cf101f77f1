/**
 * `/`: what this site is for, and the three ways in. A logged-in citizen goes straight to `/tai-khoan`. Below them,
 * "Tra cứu hồ sơ", "Đặt lịch hẹn" and "Đăng nhập cán bộ" (screens loaded on demand).
 */
import { useEffect } from "preact/hooks";
import { t } from "../i18n";
import { whenIdle } from "../lazy";
import { Link, navigate } from "../router";
import { fetchMe, mayBeLoggedIn } from "../session";
import { Heading } from "../ui";
import { ROUTES, FIRST_STEPS } from "../routes";

export function Home() {
  useEffect(() => {
    let live = true;
    if (mayBeLoggedIn()) {
      void fetchMe().then((res) => {
        if (live && res.ok) navigate(ROUTES.account.path, true);
      });
    }
    // "Kích hoạt tài khoản" and "Đăng ký" open at once on a slow network: their screens are fetched while the
    // citizen reads this one.
    const cancelIdle = whenIdle(() => FIRST_STEPS.forEach((screen) => screen.preload()));
    return () => {
      live = false;
      cancelIdle();
    };
  }, []);

  return (
    <>
      <Heading>{t().home.title}</Heading>
      <p>{t().home.intro}</p>
      <p class="needs-title">{t().home.needs}</p>
      <ul class="needs">
        {t().home.needItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <div class="actions actions-stack">
        <Link href={ROUTES.activate.path} class="btn">
          {t().home.activate}
        </Link>
        <Link href={ROUTES.register.path} class="btn btn-secondary">
          {t().home.register}
        </Link>
        <Link href={ROUTES.login.path} class="btn btn-secondary">
          {t().home.login}
        </Link>
      </div>
      <p class="note">{t().home.activatedNote}</p>
      <p class="note">{t().home.registerNote}</p>
      <nav class="more" aria-labelledby="home-more">
        <h2 id="home-more" class="more-title">
          {t().links.more}
        </h2>
        <p class="note">{t().links.bookingNote}</p>
        <div class="actions">
          <Link href={ROUTES.track.path} class="btn btn-secondary">
            {t().links.track}
          </Link>
          <Link href={ROUTES.booking.path} class="btn btn-secondary">
            {t().links.booking}
          </Link>
        </div>
        <p class="note">
          {t().links.officerNote} <Link href={ROUTES.officer.path}>{t().links.officerLogin}</Link>
        </p>
        <p class="note">
          {t().links.verifyNote} <Link href={ROUTES.verify.path}>{t().links.verify}</Link>
        </p>
      </nav>
    </>
  );
}
