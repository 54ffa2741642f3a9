// The sign-in page: username and password against POST /api/rest/auth/login, which answers a session token.
import { useState } from "preact/hooks";
import { api, session } from "./api.js";
import { Field, Message } from "./ui.jsx";

export function SignIn({ notice, onSignedIn }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

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
    </main>
  );
}
