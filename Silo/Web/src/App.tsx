import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { getJson, onSignOut } from "./api/client";
import { signOut, type Me } from "./api/auth";
import { currentSession, rememberProfile, rememberedProfile } from "./api/session";
import { navigate, useRoute, type Route } from "./router";
import { SignInPage } from "./pages/SignInPage";
import { ImportPage } from "./pages/ImportPage";
import { TablesPage } from "./pages/TablesPage";
import { TimelinePage } from "./pages/TimelinePage";
import { MapPage } from "./pages/MapPage";
import { SearchPage } from "./pages/SearchPage";
import { SqlPage } from "./pages/SqlPage";
import { AskPage } from "./pages/AskPage";
import { PlacesPage } from "./pages/PlacesPage";
import { StatsPage } from "./pages/StatsPage";
import { PrivacyPage } from "./pages/PrivacyPage";
import { TokensPage } from "./pages/TokensPage";
import { SourcesPage } from "./pages/SourcesPage";
import { AdminPage } from "./pages/AdminPage";
import { CatalogPage } from "./pages/CatalogPage";

export interface PageProps {
  route: Route;
  me: Me;
}

interface Page {
  path: string;
  title: string;
  component: ComponentType<PageProps>;
  admin?: boolean;
}

// The same list the silo serves index.html for (Silo/Web/WebAppPages.cs).
const pages: Page[] = [
  { path: "/timeline", title: "Timeline", component: TimelinePage },
  { path: "/map", title: "Map", component: MapPage },
  { path: "/search", title: "Search", component: SearchPage },
  { path: "/ask", title: "Ask", component: AskPage },
  { path: "/sql", title: "SQL", component: SqlPage },
  { path: "/places", title: "Places", component: PlacesPage },
  { path: "/stats", title: "Stats", component: StatsPage },
  { path: "/catalog", title: "Catalog", component: CatalogPage },
  { path: "/import", title: "Import", component: ImportPage },
  { path: "/tables", title: "Tables", component: TablesPage },
  { path: "/sources", title: "Sources", component: SourcesPage },
  { path: "/privacy", title: "Privacy", component: PrivacyPage },
  { path: "/tokens", title: "Tokens", component: TokensPage },
  { path: "/admin", title: "Admin", component: AdminPage, admin: true },
];

export function App() {
  const route = useRoute();
  // The profile this tab read last draws the page at once; the silo's answer replaces it when it differs.
  const [me, setMe] = useState<Me | null>(() => rememberedProfile<Me>());
  const [error, setError] = useState("");
  const fresh = useRef(false);
  const signedIn = currentSession() !== null;

  useEffect(() => onSignOut(() => { fresh.current = false; setMe(null); navigate("/sign-in"); }), []);
  useEffect(() => {
    if (!signedIn) {
      if (route.path !== "/sign-in") navigate("/sign-in", true);
      return;
    }
    if (me && fresh.current) return;
    fresh.current = true;
    getJson<Me>("/api/v1/me").then((read) => {
      rememberProfile(read);
      setMe((shown) => (shown && JSON.stringify(shown) === JSON.stringify(read) ? shown : read));
    }, (e: Error) => { fresh.current = false; setError(e.message); });
  }, [signedIn, route.path]);

  if (route.path === "/sign-in" || !signedIn) return <SignInPage onSignedIn={() => { fresh.current = false; setMe(null); navigate("/timeline"); }} />;
  if (!me) return <main><p role="status">{error || "Loading…"}</p></main>;

  const isAdmin = me.role === "owner" || me.role === "admin";
  const visible = pages.filter((page) => !page.admin || isAdmin);
  const page = visible.find((candidate) => candidate.path === route.path) ?? (route.path === "/" ? visible[0] : null);
  document.title = page ? `${page.title} · Datapunk` : "Datapunk";
  const Component = page?.component;

  return (
    <>
      <header class="top">
        <a class="brand" href="/timeline">Datapunk</a>
        <nav aria-label="Pages">
          {visible.map((p) => <a href={p.path} aria-current={p === page ? "page" : undefined}>{p.title}</a>)}
        </nav>
        <span class="muted">{me.displayName || me.userName}</span>
        <button type="button" onClick={async () => { await signOut(); fresh.current = false; setMe(null); navigate("/sign-in"); }}>Sign out</button>
      </header>
      <main>{Component ? <Component route={route} me={me} /> : <p>No page here. <a href="/timeline">Open the timeline.</a></p>}</main>
    </>
  );
}
