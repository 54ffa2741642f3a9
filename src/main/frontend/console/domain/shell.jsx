// A domain's own pages, under /console/domains/NAMESPACE/ID/...: a navigation between them (the domain's name as
// the first entry) and the page the rest of the path names. Every page receives the domain's REST path prefix.
import { Link } from "../router.jsx";
import { seg } from "../api.js";
import { Activities } from "./activities.jsx";
import { Chats } from "./chats.jsx";
import { Collections } from "./collections.jsx";
import { DomainDashboard } from "./dashboard.jsx";
import { Groups } from "./groups.jsx";
import { JwtKeys } from "./jwtkeys.jsx";
import { Model, Models } from "./models.jsx";
import { Sessions } from "./sessions.jsx";
import { DomainSettings } from "./settings.jsx";
import { Users } from "./users.jsx";

const SECTIONS = [
  { path: "", title: "Dashboard", component: DomainDashboard },
  { path: "users", title: "Users", component: Users },
  { path: "groups", title: "Groups", component: Groups },
  { path: "collections", title: "Collections", component: Collections },
  { path: "models", title: "Models", component: Models },
  { path: "sessions", title: "Sessions", component: Sessions },
  { path: "chats", title: "Chats", component: Chats },
  { path: "activities", title: "Activities", component: Activities },
  { path: "jwt-keys", title: "JWT keys", component: JwtKeys },
  { path: "settings", title: "Settings", component: DomainSettings },
];

/** The domain route a console path names ({namespace, domainId, section, rest, title, key}), or null. */
export function domainRoute(route) {
  const match = /^\/domains\/([^/]+)\/([^/]+)(?:\/([^/]+)(?:\/(.+))?)?$/.exec(route);
  if (!match) return null;
  const [, ns, id, section = "", rest = null] = match;
  const namespace = decodeURIComponent(ns);
  const domainId = decodeURIComponent(id);
  const known = SECTIONS.find((s) => s.path === section);
  if (!known || (rest && section !== "models")) return null;
  const title = rest ? `Model ${decodeURIComponent(rest)}` : known.title;
  return {
    namespace,
    domainId,
    section,
    rest: rest && decodeURIComponent(rest),
    title: `${title} · ${namespace}/${domainId}`,
    key: route,
  };
}

/** The console path of a domain's page. */
export function domainPath(namespace, domainId, section = "") {
  return `/domains/${seg(namespace)}/${seg(domainId)}${section ? `/${section}` : ""}`;
}

export function DomainPages({ route }) {
  const { namespace, domainId, section, rest } = route;
  const label = `${namespace}/${domainId}`;
  const known = SECTIONS.find((s) => s.path === section);
  const Page = rest ? Model : known.component;
  const props = {
    namespace,
    domainId,
    label,
    // the REST API's prefix for this domain
    base: `/domains/${seg(namespace)}/${seg(domainId)}`,
    to: (s) => domainPath(namespace, domainId, s),
    modelId: rest,
  };
  return (
    <div class="domain-layout">
      <nav aria-label={`Domain ${label}`} class="domain-nav">
        <p class="domain-label">
          <code>{label}</code>
        </p>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <Link
                to={domainPath(namespace, domainId, s.path)}
                aria-current={s.path === section ? (rest ? "true" : "page") : undefined}
              >
                {s.title}
              </Link>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/domains">All domains</Link>
        </p>
      </nav>
      <div class="domain-page">
        <Page {...props} />
      </div>
    </div>
  );
}
