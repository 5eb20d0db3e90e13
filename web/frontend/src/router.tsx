import type { AppProvider } from "@shopify/polaris";
import { forwardRef, useSyncExternalStore, type ComponentProps, type ComponentType, type MouseEvent } from "react";

/**
 * A tiny router on the URL path and the history API. The query string (Shopify's `shop`, `host`, `embedded`)
 * is kept on every move: App Bridge reads it. App Bridge's admin navigation (`ui-nav-menu`) pushes history
 * and fires popstate, which this listens to as it does to the browser's back and forward.
 */
export const ROUTES = [
  { path: "/", label: "Home" },
  { path: "/app/notifications", label: "Notifications" },
  { path: "/app/subscribers", label: "Subscribers" },
  { path: "/app/marketing", label: "Marketing" },
  { path: "/app/growth", label: "Growth" },
] as const;

const CHANGE = "admin:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, "", `${path}${window.location.search}`);
  window.dispatchEvent(new Event(CHANGE));
  window.scrollTo(0, 0);
}

export const isAppPath = (url: string): boolean => url === "/" || url.startsWith("/app/");

/** Polaris' LinkLikeComponentProps, which its package entry does not export. */
type LinkProps =
  NonNullable<ComponentProps<typeof AppProvider>["linkComponent"]> extends ComponentType<infer P> ? P : never;

/**
 * Polaris' link component (AppProvider `linkComponent`): app paths move in place, anything else is a plain
 * link. A modified click (new tab) is left to the browser.
 */
export const RouterLink = forwardRef<HTMLAnchorElement, LinkProps>(function RouterLink(
  { url, external, children, onClick, ...rest },
  ref,
) {
  const internal = !external && isAppPath(url);
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!internal || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(url);
  };
  return (
    <a
      ref={ref}
      href={internal ? `${url}${window.location.search}` : url}
      onClick={handle}
      {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
      {...rest}
    >
      {children}
    </a>
  );
});
