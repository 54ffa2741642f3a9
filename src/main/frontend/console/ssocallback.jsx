// The page the SSO issuer sends the browser back to (/console/sso/callback?code=...&state=...): it finishes the
// sign-in (sso.js) once, then hands over to the console, or back to the sign-in page with the reason it failed.
import { useEffect, useRef } from "preact/hooks";
import { session } from "./api.js";
import { CALLBACK_ROUTE, SsoError, finishSignIn } from "./sso.js";

export { CALLBACK_ROUTE };

export function SsoCallback({ onSignedIn, onFailed }) {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    finishSignIn(location.search).then(
      ({ token, username, after }) => {
        session.start(token, username, "Bearer");
        onSignedIn(after);
      },
      (e) => {
        session.end();
        onFailed(e instanceof SsoError ? e.message : `Single sign-on failed: ${e.message}`);
      },
    );
  }, []);
  return (
    <main id="main" class="signin">
      <h1 tabindex="-1">Signing in…</h1>
      <p role="status">Completing the sign-in with your organisation's account.</p>
    </main>
  );
}
