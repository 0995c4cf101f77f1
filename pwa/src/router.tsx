/**
 * A tiny History API router, no library: the current path, moving to another, and links. The paths themselves are
 * routes.tsx. The worker answers every unknown path with index.html, so deep links and reloads work.
 */
import type { AnchorHTMLAttributes, ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

const listeners = new Set<() => void>();

function notify(): void {
  listeners.forEach((fn) => fn());
}

if (typeof window !== "undefined") window.addEventListener("popstate", notify);

/** The current path without a trailing slash (except for `/`). */
export function currentPath(): string {
  const p = location.pathname.replace(/\/+$/, "");
  return p === "" ? "/" : p;
}

/** Goes to `path`; `replace` swaps the history entry instead of adding one. */
export function navigate(path: string, replace = false): void {
  if (path !== location.pathname) {
    if (replace) history.replaceState(null, "", path);
    else history.pushState(null, "", path);
  }
  window.scrollTo(0, 0);
  notify();
}

/** Re-renders the caller when the path changes. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return path;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { href: string; children: ComponentChildren };

/** An `<a>` that navigates without reloading (modifier clicks still open a new tab). */
export function Link({ href, children, onClick, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        if (typeof onClick === "function") onClick(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
