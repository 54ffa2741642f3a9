// The console's shell: the sign-in page while signed out; otherwise a header with navigation and sign-out around the
// page the path names. Any 401 from the API (an expired or ended session) comes back here as the sign-in page.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, session, whenUnauthorized } from "./api.js";
import { ApiKeys } from "./apikeys.jsx";
import { Dashboard } from "./dashboard.jsx";
import { DomainPages, domainRoute } from "./domain/shell.jsx";
import { Domains } from "./domains.jsx";
import { Link, navigate, useRoute } from "./router.jsx";
import { Profile } from "./profile.jsx";
import { ServerSettings } from "./settings.jsx";
import { SignIn } from "./signin.jsx";
import { CALLBACK_ROUTE, SsoCallback } from "./ssocallback.jsx";
import { ServerUsers } from "./users.jsx";

const PAGES = {
  "": { title: "Server", component: Dashboard },
  "/domains": { title: "Namespaces and domains", component: Domains },
  "/users": { title: "Server users", component: ServerUsers },
  "/settings": { title: "Server settings", component: ServerSettings },
  "/api-keys": { title: "API keys", component: ApiKeys },
  "/profile": { title: "Your profile", component: Profile },
};

export function App() {
  const route = useRoute();
  const [signedIn, setSignedIn] = useState(Boolean(session.token()));
  const [notice, setNotice] = useState(null);
  const [ssoError, setSsoError] = useState(null);
  // where to go after signing in: the page a deep link or an expired session asked for
  const [after, setAfter] = useState(route === "/login" || route === CALLBACK_ROUTE ? "" : route);

  useEffect(() => {
    whenUnauthorized(() => {
      setNotice("Your session has ended. Sign in again.");
      setAfter(currentRoute());
      setSignedIn(false);
      navigate("/login", { replace: true });
    });
  }, []);

  useEffect(() => {
    if (!signedIn && route !== "/login" && route !== CALLBACK_ROUTE) navigate("/login", { replace: true });
    if (signedIn && route === "/login") navigate(after, { replace: true });
  }, [signedIn, route]);

  // A domain's own pages (/domains/NAMESPACE/ID/...) have a navigation of their own, inside the main area.
  const inDomain = domainRoute(route);
  const page = signedIn ? (inDomain ? { title: inDomain.title, component: DomainPages } : PAGES[route]) : null;
  const loaded = useRef(false);
  useEffect(() => {
    document.title = `${signedIn ? (page?.title ?? "Not found") : "Sign in"} · Tandem console`;
    // After a change of page (not on the first load, where the browser starts at the top and the first Tab reaches
    // the skip link), move the focus to the new page's heading, so keyboard and screen-reader users start there.
    if (loaded.current) document.querySelector("h1")?.focus();
    loaded.current = true;
  }, [route, signedIn]);

  if (route === CALLBACK_ROUTE) {
    // back from the SSO issuer: finish there, then the page asked for, or the sign-in page with what went wrong
    return (
      <SsoCallback
        onSignedIn={(to) => {
          setNotice(null);
          setSsoError(null);
          setSignedIn(true);
          navigate(to, { replace: true });
        }}
        onFailed={(message) => {
          setNotice(null);
          setSsoError(message);
          setSignedIn(false);
          navigate("/login", { replace: true });
        }}
      />
    );
  }
  if (!signedIn) {
    return (
      <SignIn
        key={ssoError}
        notice={notice}
        ssoError={ssoError}
        after={after}
        onSignedIn={() => {
          setNotice(null);
          setSsoError(null);
          setSignedIn(true);
          navigate(after, { replace: true });
        }}
      />
    );
  }
  if (route === "/login") return null;

  const signOut = async () => {
    const token = session.token();
    const scheme = session.scheme();
    session.end();
    // Ends the token on the server too; the user is signed out here whatever the answer. An SSO token is the
    // issuer's: the server keeps nothing to end, and the issuer's own session is the issuer's to end.
    if (scheme === "SessionToken") await api.post("/auth/logout", { token }).catch(() => {});
    setNotice("You have signed out.");
    setAfter("");
    setSignedIn(false);
    navigate("/login", { replace: true });
  };

  const Page = page?.component;
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span class="brand">Tandem console</span>
        <nav aria-label="Main">
          <ul>
            {Object.entries(PAGES).map(([path, { title }]) => (
              <li key={path}>
                <Link
                  to={path}
                  aria-current={route === path ? "page" : path === "/domains" && inDomain ? "true" : undefined}
                >
                  {title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span class="user">
          Signed in as <strong id="signed-in-user">{session.username()}</strong>
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main">
        {Page ? (
          <Page key={inDomain ? inDomain.key : route} route={inDomain} />
        ) : (
          <>
            <h1 tabindex="-1">Not found</h1>
            <p>
              There is no console page here. <Link to="">Go to the server dashboard</Link>.
            </p>
          </>
        )}
      </main>
    </>
  );
}

function currentRoute() {
  return location.pathname.replace(/^\/console/, "").replace(/\/+$/, "");
}
