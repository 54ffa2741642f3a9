// The sign-in page: username and password against POST /api/rest/auth/login, which answers a session token; and,
// when the server has single sign-on for the console configured, a button that signs in through the issuer (sso.js).
import { useEffect, useState } from "preact/hooks";
import { api, session } from "./api.js";
import { SsoError, ssoSettings, startSignIn } from "./sso.js";
import { Field, Message } from "./ui.jsx";

export function SignIn({ notice, ssoError, after, onSignedIn }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState(null);
  const [ssoProblem, setSsoProblem] = useState(ssoError);

  useEffect(() => {
    // without it (or when the server cannot say) the page offers the password only
    ssoSettings()
      .then(setSso)
      .catch(() => setSso(null));
  }, []);

  const signInWithSso = async () => {
    setBusy(true);
    setSsoProblem(null);
    try {
      await startSignIn(sso, after);
    } catch (e) {
      setSsoProblem(e instanceof SsoError ? e.message : `Single sign-on failed: ${e.message}`);
      setBusy(false);
    }
  };

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    session.end();
    try {
      const { token } = await api.post("/auth/login", { username, password });
      session.start(token, username);
      onSignedIn();
    } catch (e) {
      setError(e.status === 401 ? "Wrong username or password." : `Sign-in failed: ${e.message}`);
      setPassword("");
      setBusy(false);
    }
  };

  return (
    <main id="main" class="signin">
      <h1 tabindex="-1">Sign in to Tandem</h1>
      <Message>{notice}</Message>
      <form onSubmit={submit}>
        <Field
          label="Username"
          name="username"
          autocomplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <Message error>{error}</Message>
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
      {sso?.enabled && (
        <section class="sso" aria-labelledby="sso-heading">
          <h2 id="sso-heading">Or with your organisation's account</h2>
          <button type="button" class="primary" disabled={busy} onClick={signInWithSso}>
            Sign in with SSO
          </button>
        </section>
      )}
      {sso && !sso.enabled && sso.problem && <p>Single sign-on is configured, but {sso.problem}.</p>}
      <Message error>{ssoProblem}</Message>
    </main>
  );
}
