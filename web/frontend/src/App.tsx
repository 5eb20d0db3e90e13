import { AppProvider, Tabs } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json" with { type: "json" };
import { createElement } from "react";
import { GrowthPage } from "./pages/growth-page.js";
import { HomePage } from "./pages/home-page.js";
import { NotificationsPage } from "./pages/notifications-page.js";
import { MarketingPage } from "./pages/marketing-page.js";
import { SubscribersPage } from "./pages/subscribers-page.js";
import { navigate, ROUTES, RouterLink, usePathname } from "./router.js";

const VIEWS: Record<(typeof ROUTES)[number]["path"], () => JSX.Element> = {
  "/": HomePage,
  "/app/notifications": NotificationsPage,
  "/app/subscribers": SubscribersPage,
  "/app/marketing": MarketingPage,
  "/app/growth": GrowthPage,
};

/**
 * The embedded admin: Polaris for the look (the admin's own components), App Bridge's nav menu for the
 * Shopify admin's sidebar, and the same sections as tabs inside the page for places without that sidebar.
 */
export function App() {
  const pathname = usePathname();
  const selected = Math.max(
    0,
    ROUTES.findIndex((r) => r.path === pathname),
  );
  const View = VIEWS[ROUTES[selected]!.path];
  return (
    <AppProvider i18n={en} linkComponent={RouterLink}>
      {/* App Bridge turns this into the admin's sidebar entries; the first one is the app's home. */}
      {createElement(
        "ui-nav-menu",
        null,
        ROUTES.map((r) =>
          createElement("a", { key: r.path, href: r.path, ...(r.path === "/" ? { rel: "home" } : {}) }, r.label),
        ),
      )}
      {/* Same width as Polaris' Page, so the tabs line up with the page content. */}
      <div style={{ maxWidth: "62.375rem", margin: "0 auto", paddingTop: "var(--p-space-400)" }}>
        <Tabs
          tabs={ROUTES.map((r) => ({ id: `tab-${r.label.toLowerCase()}`, content: r.label, panelID: "admin-view" }))}
          selected={selected}
          onSelect={(index) => navigate(ROUTES[index]!.path)}
        />
      </div>
      <div id="admin-view">
        <View />
      </div>
    </AppProvider>
  );
}
