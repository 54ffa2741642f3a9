import Convergence from "@convergence/convergence";
import { useEffect, useRef, useState } from "preact/hooks";
import { colourOf } from "./colours.js";
import { sharedEditor } from "./editor.js";

const NAME_KEY = "tandem.demo.name";
/** The document to share: ?doc=<id> picks another one (letters, digits, - and _), so groups need not meet. */
const DOC = (() => {
  const wanted = new URLSearchParams(location.search).get("doc");
  return wanted && /^[A-Za-z0-9_-]{1,64}$/.test(wanted) ? wanted : "welcome";
})();
const REALTIME_URL = `${location.origin}/api/realtime/convergence/default`;
const FIRST_TEXT = `// Everyone on this page edits this text together.
// Open the page in a second window, pick another name, and type in both.
function greet(name) {
  return \`Hello, \${name}!\`;
}
`;

export function App() {
  const [name, setName] = useState(null);
  return name === null ? <JoinForm onJoin={setName} /> : <Workspace name={name} />;
}

function JoinForm({ onJoin }) {
  const [value, setValue] = useState(() => localStorage.getItem(NAME_KEY) ?? "");
  const [error, setError] = useState(null);
  const submit = (event) => {
    event.preventDefault();
    const name = value.trim();
    if (!name) {
      setError("Enter a name the others will see.");
      return;
    }
    if (name.length > 40) {
      setError("Use at most 40 characters.");
      return;
    }
    localStorage.setItem(NAME_KEY, name);
    onJoin(name);
  };
  return (
    <main class="join">
      <h1>Tandem demo: a shared editor</h1>
      <p>
        Edit a document with everyone else who has this page open, see their cursors, and chat. You join the default
        domain anonymously; the name is only shown to the others.
      </p>
      <form onSubmit={submit} noValidate>
        <label for="display-name">Your display name</label>
        <input
          id="display-name"
          value={value}
          maxLength={40}
          autoComplete="nickname"
          autoFocus
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? "name-error" : undefined}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit">Join</button>
        {error && (
          <p id="name-error" role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

/** Connection states of the domain, as the page words them. */
const STATES = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

function Workspace({ name }) {
  const editorParent = useRef(null);
  const [failure, setFailure] = useState(null);
  const [state, setState] = useState("connecting");
  const [waiting, setWaiting] = useState(0);
  const [people, setPeople] = useState([]);
  const [messages, setMessages] = useState([]);
  const [room, setRoom] = useState(null);

  useEffect(() => {
    let domain = null;
    let editor = null;
    let subscription = null;
    let gone = false;
    (async () => {
      domain = await Convergence.connectAnonymously(REALTIME_URL, name);
      if (gone) return;
      setState("connected");
      domain.on("connected", () => setState("connected"));
      for (const event of ["interrupted", "connection_scheduled", "connecting", "authenticating"]) {
        domain.on(event, () => setState("reconnecting"));
      }
      for (const event of ["disconnected", "connection_failed"]) domain.on(event, () => setState("offline"));

      const model = await domain.models().openAutoCreate({
        collection: "demo",
        id: DOC,
        data: { text: FIRST_TEXT },
      });
      const textOf = () => {
        const text = model.root().get("text");
        return text && text.type() === "string" ? text : null;
      };
      const text = textOf();
      if (!text) throw new Error(`model demo/${DOC} has no text to edit`);

      // Edits waiting for the server's acknowledgement, counted by the page: one more per edit sent, one fewer per
      // version the model reaches without a remote edit (an acknowledgement), none once the model is committed.
      let pending = 0;
      let remoteSeen = false;
      const show = () => setWaiting(pending);
      const onRemoteText = () => (remoteSeen = true);
      const watchText = (string) => {
        for (const event of ["insert", "remove", "value"]) string.on(event, onRemoteText);
      };
      watchText(text);
      model.on("version_changed", () => {
        if (remoteSeen) remoteSeen = false;
        else pending = Math.max(0, pending - 1);
        show();
      });
      model.on("committed", () => {
        pending = 0;
        show();
      });
      editor = sharedEditor(editorParent.current, text, {
        onLocalEdit: () => {
          pending++;
          show();
        },
      });
      // The model's data replaced as a whole (the admin console's source editor saves so, through the model's
      // writer): the root holds a new string, and the editor moves to it.
      const replaced = () => {
        remoteSeen = true;
        const next = textOf();
        if (!next) {
          editor.rebind(null);
          setFailure(
            `The document demo/${DOC} has no text to edit any more: its data was replaced without one. The editor is read-only until it has one again.`,
          );
          return;
        }
        setFailure(null);
        watchText(next);
        editor.rebind(next);
      };
      model.root().on("value", replaced);
      model.root().on("set", (e) => e.key === "text" && replaced());

      const activity = await domain.activities().join("demo", DOC, {
        autoCreate: { ephemeral: true, worldPermissions: ["join", "view_state", "set_state"] },
      });
      subscription = activity.participantsAsObservable().subscribe((participants) =>
        setPeople(
          participants.map((p) => ({
            sessionId: p.sessionId,
            name: p.user.displayName || p.user.username,
            local: p.local,
          })),
        ),
      );

      const chatId = `demo-${DOC}`;
      await domain.chat().create({ id: chatId, type: "room", membership: "public", ignoreExistsError: true });
      const chat = await domain.chat().join(chatId);
      const toMessage = (e) => ({
        id: e.eventNumber,
        name: e.user.displayName || e.user.username,
        text: e.message,
      });
      const history = await chat.getHistory({ limit: 20, eventFilter: ["message"] });
      setMessages(history.data.map(toMessage).sort((a, b) => a.id - b.id));
      chat.on("message", (e) =>
        setMessages((list) => (list.some((m) => m.id === e.eventNumber) ? list : [...list, toMessage(e)])),
      );
      if (!gone) setRoom(chat);
    })().catch((error) => {
      console.error("The demo could not start", error);
      if (!gone) setFailure(`The demo could not start: ${error.message || String(error)}`);
    });
    return () => {
      gone = true;
      subscription?.unsubscribe();
      editor?.destroy();
      domain?.dispose();
    };
  }, [name]);

  return (
    <div class="workspace">
      <header>
        <h1>Tandem demo: a shared editor</h1>
        <p class="state" role="status" id="connection-state" data-state={state}>
          <span class={`dot ${state}`} aria-hidden="true" />
          {STATES[state]}
          {waiting > 0 && `, ${waiting} ${waiting === 1 ? "edit" : "edits"} waiting for the server`}
          {waiting === 0 && state === "connected" && ", all edits saved"}
        </p>
      </header>
      {failure && (
        <p role="alert" class="error">
          {failure}
        </p>
      )}
      <main>
        <h2 class="visually-hidden">Document {DOC}</h2>
        <div class="editor" ref={editorParent} />
      </main>
      <aside>
        <section aria-labelledby="people-heading">
          <h2 id="people-heading">Who is here</h2>
          <ul id="people">
            {people.map((p) => (
              <li key={p.sessionId} data-session={p.sessionId}>
                <span class={`swatch remote-c${colourOf(p.sessionId)}`} aria-hidden="true" />
                {p.name}
                {p.local && " (you)"}
              </li>
            ))}
          </ul>
        </section>
        <Chat room={room} messages={messages} />
      </aside>
    </div>
  );
}

function Chat({ room, messages }) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState(null);
  const log = useRef(null);
  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [messages]);
  const send = async (event) => {
    event.preventDefault();
    const message = draft.trim();
    if (!message || !room) return;
    try {
      await room.send(message);
      setDraft("");
      setError(null);
    } catch (e) {
      setError(`Not sent: ${e.message}`);
    }
  };
  return (
    <section aria-labelledby="chat-heading" class="chat">
      <h2 id="chat-heading">Chat</h2>
      <div id="chat-log" ref={log} role="log" aria-label="Chat messages" tabIndex={0}>
        <ol>
          {messages.map((m) => (
            <li key={m.id}>
              <span class="who">{m.name}</span> <span class="text">{m.text}</span>
            </li>
          ))}
        </ol>
      </div>
      <form onSubmit={send}>
        <label for="chat-message">Message</label>
        <input
          id="chat-message"
          value={draft}
          maxLength={2000}
          autoComplete="off"
          disabled={!room}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" disabled={!room}>
          Send
        </button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
