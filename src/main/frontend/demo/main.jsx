// The collaborative demo at /demo/: a shared code editor on the default domain, joined anonymously with the unchanged
// rc.12 client, with the other sessions' cursors and selections, who is here, a chat room and the connection state.
import { render } from "preact";
import { App } from "./app.jsx";
import "./style.css";

render(<App />, document.getElementById("app"));
