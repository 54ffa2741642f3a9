// A domain's chats: the list, and for one chat its events (newest first), its name and its topic.
import { useState } from "preact/hooks";
import { api, seg } from "../api.js";
import { useLoad } from "../load.js";
import { Field, Message, onSubmit, useAction, when } from "../ui.jsx";

export function Chats({ base }) {
  const chats = useLoad(() => api.get(`${base}/chats?limit=100`));
  const [open, setOpen] = useState(null);
  const [notice, setNotice] = useState(null);
  const list = chats.data?.data ?? [];
  const chosen = list.find((c) => c.chatId === open);
  return (
    <>
      <h1 tabindex="-1">Chats</h1>
      <Message>{notice}</Message>
      <Message error>{chats.error && `The chats could not be read: ${chats.error.message}`}</Message>
      {chats.data && list.length === 0 && <p>No chats in this domain yet: clients create them.</p>}
      {list.length > 0 && (
        <table>
          <caption class="visually-hidden">Chats</caption>
          <thead>
            <tr>
              <th scope="col">Chat</th>
              <th scope="col">Type</th>
              <th scope="col">Name</th>
              <th scope="col">Topic</th>
              <th scope="col">Members</th>
              <th scope="col">Events</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.chatId} data-chat={c.chatId}>
                <th scope="row">
                  <button type="button" aria-pressed={open === c.chatId} onClick={() => setOpen(c.chatId)}>
                    {c.chatId}
                  </button>
                </th>
                <td>{c.chatType}</td>
                <td>{c.name || "—"}</td>
                <td>{c.topic || "—"}</td>
                <td>{c.members.length}</td>
                <td>{c.lastEventNumber + 1}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && (
        <Chat
          key={chosen.chatId}
          base={base}
          chat={chosen}
          onChanged={(text) => {
            setNotice(text);
            return chats.reload();
          }}
        />
      )}
    </>
  );
}

function Chat({ base, chat, onChanged }) {
  const path = `${base}/chats/${seg(chat.chatId)}`;
  const events = useLoad(() => api.get(`${path}/events?limit=50`), [chat.lastEventNumber]);
  const [name, setName] = useState(chat.name ?? "");
  const [topic, setTopic] = useState(chat.topic ?? "");
  const naming = useAction("Could not rename the chat");
  const topical = useAction("Could not set the topic");
  const saveName = () =>
    naming.run(async () => {
      await api.put(`${path}/name`, { name });
      await onChanged(`Chat ${chat.chatId} renamed.`);
    });
  const saveTopic = () =>
    topical.run(async () => {
      await api.put(`${path}/topic`, { topic });
      await onChanged(`Topic of ${chat.chatId} set.`);
    });
  return (
    <section class="card" aria-labelledby="chat-heading">
      <h2 id="chat-heading">Chat {chat.chatId}</h2>
      <p>Members: {chat.members.join(", ") || "none"}</p>
      <div class="forms">
        <form class="toolbar" onSubmit={onSubmit(saveName)}>
          <Field label="Chat name" id="chat-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          <button type="submit" disabled={naming.busy}>
            Save name
          </button>
        </form>
        <form class="toolbar" onSubmit={onSubmit(saveTopic)}>
          <Field label="Chat topic" id="chat-topic" value={topic} onInput={(e) => setTopic(e.currentTarget.value)} />
          <button type="submit" disabled={topical.busy}>
            Save topic
          </button>
        </form>
      </div>
      <Message error>{naming.error ?? topical.error}</Message>
      <h3>Events, newest first</h3>
      <Message error>{events.error && `The events could not be read: ${events.error.message}`}</Message>
      <ol class="events" reversed>
        {(events.data?.data ?? []).map((e) => (
          <li key={e.eventNumber} data-event={e.type}>
            <span class="id">{when(e.timestamp)}</span> <strong>{e.type}</strong> by {e.user}
            {e.message !== undefined && `: ${e.message}`}
            {e.type === "name_changed" && `: ${e.name}`}
            {e.type === "topic_changed" && `: ${e.topic}`}
            {e.userAdded && `: ${e.userAdded}`}
            {e.userRemoved && `: ${e.userRemoved}`}
          </li>
        ))}
      </ol>
    </section>
  );
}
