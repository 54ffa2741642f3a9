// The signed-in user's own profile (names, email; GET/PUT /user/profile) and password (PUT /user/password).
import { useState } from "preact/hooks";
import { api } from "./api.js";
import { useLoad } from "./load.js";
import { Field, Message, onSubmit, useAction } from "./ui.jsx";

export function Profile() {
  const profile = useLoad(() => api.get("/user/profile"));
  return (
    <>
      <h1 tabindex="-1">Your profile</h1>
      <Message error>{profile.error && `The profile could not be read: ${profile.error.message}`}</Message>
      {profile.data && (
        <>
          <p>
            Username <strong>{profile.data.username}</strong>, server role <strong>{profile.data.serverRole}</strong>.
          </p>
          <div class="forms">
            <ProfileForm initial={profile.data} />
            <PasswordForm />
          </div>
        </>
      )}
    </>
  );
}

function ProfileForm({ initial }) {
  const [fields, setFields] = useState({
    displayName: initial.displayName ?? "",
    firstName: initial.firstName ?? "",
    lastName: initial.lastName ?? "",
    email: initial.email ?? "",
  });
  const [notice, setNotice] = useState(null);
  const action = useAction("Could not save the profile");
  const set = (name) => (e) => setFields({ ...fields, [name]: e.currentTarget.value });
  const submit = () =>
    action.run(async () => {
      setNotice(null);
      await api.put("/user/profile", fields);
      setNotice("Profile saved.");
    });
  return (
    <form class="card" onSubmit={onSubmit(submit)} aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <Field label="Display name" id="profile-display" value={fields.displayName} onInput={set("displayName")} />
      <Field label="First name" id="profile-first" value={fields.firstName} onInput={set("firstName")} />
      <Field label="Last name" id="profile-last" value={fields.lastName} onInput={set("lastName")} />
      <Field label="Email" id="profile-email" type="email" value={fields.email} onInput={set("email")} />
      <Message>{notice}</Message>
      <Message error>{action.error}</Message>
      <button type="submit" class="primary" disabled={action.busy}>
        Save profile
      </button>
    </form>
  );
}

function PasswordForm() {
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [notice, setNotice] = useState(null);
  const action = useAction("Could not change the password");
  const submit = () =>
    action.run(async () => {
      setNotice(null);
      if (password !== again) throw new Error("The two passwords differ.");
      await api.put("/user/password", { password });
      setPassword("");
      setAgain("");
      setNotice("Password changed.");
    });
  return (
    <form class="card" onSubmit={onSubmit(submit)} aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <Field
        label="New password"
        id="own-password"
        type="password"
        autocomplete="new-password"
        required
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <Field
        label="New password again"
        id="own-password-again"
        type="password"
        autocomplete="new-password"
        required
        value={again}
        onInput={(e) => setAgain(e.currentTarget.value)}
      />
      <Message>{notice}</Message>
      <Message error>{action.error}</Message>
      <button type="submit" class="primary" disabled={action.busy}>
        Change password
      </button>
    </form>
  );
}
