// The shared editor: CodeMirror 6 bound both ways to a RealTimeString of the rc.12 client, and a small CodeMirror
// extension of Tandem's own that draws the other sessions' cursors and selections (the client's range references).
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { Annotation, Compartment, EditorState, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, drawSelection, keymap, lineNumbers } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { colourOf } from "./colours.js";

/**
 * Syntax colours of our own: CodeMirror's default ones include light tones (#e40 for escapes and template
 * substitutions) below the 4.5:1 contrast that text needs on white. Each of these has 6:1 or more.
 */
const highlightStyle = HighlightStyle.define([
  { tag: tags.meta, color: "#404740" },
  { tag: tags.link, textDecoration: "underline" },
  { tag: tags.heading, textDecoration: "underline", fontWeight: "bold" },
  { tag: tags.emphasis, fontStyle: "italic" },
  { tag: tags.strong, fontWeight: "bold" },
  { tag: tags.keyword, color: "#6d28d9" },
  { tag: [tags.atom, tags.bool, tags.url, tags.labelName], color: "#1e40af" },
  { tag: [tags.literal, tags.inserted], color: "#166534" },
  { tag: [tags.string, tags.deleted], color: "#9f1239" },
  { tag: [tags.regexp, tags.escape, tags.special(tags.string)], color: "#9a3412" },
  { tag: tags.definition(tags.variableName), color: "#1d4ed8" },
  { tag: tags.local(tags.variableName), color: "#3730a3" },
  { tag: [tags.typeName, tags.namespace], color: "#065f46" },
  { tag: tags.className, color: "#155e75" },
  { tag: [tags.special(tags.variableName), tags.macroName], color: "#115e59" },
  { tag: tags.definition(tags.propertyName), color: "#1e3a8a" },
  { tag: tags.comment, color: "#57534e", fontStyle: "italic" },
  { tag: tags.invalid, color: "#b91c1c" },
]);

/** Marks the transactions that apply a remote edit, so they are not sent back to the model (no echo). */
const remoteEdit = Annotation.define();

/** Replaces the remote cursors and selections: [{ sessionId, name, from, to }]. */
const setRemoteSelections = StateEffect.define();

/** A remote session's cursor: a thin bar in its colour with its name above it. */
class RemoteCursor extends WidgetType {
  constructor(sessionId, name) {
    super();
    this.sessionId = sessionId;
    this.name = name;
  }

  eq(other) {
    return other.sessionId === this.sessionId && other.name === this.name;
  }

  toDOM() {
    const cursor = document.createElement("span");
    cursor.className = `cm-remote-cursor remote-c${colourOf(this.sessionId)}`;
    cursor.dataset.session = this.sessionId;
    // the who-is-here list names everyone for a screen reader; this is the visual hint only
    cursor.setAttribute("aria-hidden", "true");
    const label = document.createElement("span");
    label.className = "cm-remote-name";
    label.textContent = this.name;
    cursor.append(label);
    return cursor;
  }

  ignoreEvent() {
    return true;
  }
}

function decorations(selections, length) {
  const ranges = [];
  for (const { sessionId, name, from, to } of selections) {
    const start = Math.max(0, Math.min(from, to, length));
    const end = Math.min(Math.max(from, to), length);
    const colour = `remote-c${colourOf(sessionId)}`;
    if (start < end) {
      ranges.push(
        Decoration.mark({
          class: `cm-remote-selection ${colour}`,
          attributes: { "data-session": sessionId },
        }).range(start, end),
      );
    }
    ranges.push(Decoration.widget({ widget: new RemoteCursor(sessionId, name), side: 1 }).range(end));
  }
  return Decoration.set(ranges, true);
}

/** The remote cursors and selections, moved along with every edit until the client reports new positions. */
const remoteSelections = StateField.define({
  create: () => Decoration.none,
  update(value, transaction) {
    let next = value.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (effect.is(setRemoteSelections)) next = decorations(effect.value, transaction.state.doc.length);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * The editor's place: a shadow root in `host`. CodeMirror adds its own style rules as the editor mounts; in a document
 * it writes them into a <style> element, which the page's Content-Security-Policy (no inline style) refuses, and in a
 * shadow root it uses a constructed style sheet (adoptedStyleSheets), which the policy allows. The page's own style
 * sheet is linked into the shadow root as well, for the editor's size and the remote cursors.
 */
function shadowMount(host) {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  shadow.replaceChildren(...[...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.cloneNode()));
  const mount = document.createElement("div");
  mount.className = "editor-root";
  shadow.append(mount);
  return { shadow, mount };
}

/**
 * Opens an editor in `host` on the RealTimeString `text`; `onLocalEdit` is told of each edit sent to the model.
 * Returns { view, rebind, destroy }: rebind(text) moves the editor to another string, for when the model's data is
 * replaced as a whole (the console's source editor saves that way: the root gets new values, and the string the
 * editor was bound to is detached from the model, so it would never change again); rebind(null), when the new data
 * has no string to edit, leaves the editor read-only, since the client refuses edits of a detached string.
 */
export function sharedEditor(host, text, { onLocalEdit }) {
  const { shadow, mount } = shadowMount(host);
  // the string the editor is bound to now (null: none, read-only), and its shared cursor and selection
  let bound = text;
  let selection = null;
  const editable = new Compartment();
  const setEditable = (yes) =>
    view.dispatch({
      effects: editable.reconfigure(yes ? [] : [EditorState.readOnly.of(true), EditorView.editable.of(false)]),
    });

  // Local edits → the model. The changes are applied left to right, so each one's position in the new document is
  // also its position in the string once the ones before it are applied.
  const sendLocal = EditorView.updateListener.of((update) => {
    const remote = update.transactions.some((t) => t.annotation(remoteEdit));
    if (update.docChanged && !remote && bound) {
      update.changes.iterChanges((fromA, toA, fromB, _toB, inserted) => {
        if (toA > fromA) {
          bound.remove(fromB, toA - fromA);
          onLocalEdit();
        }
        if (inserted.length > 0) {
          bound.insert(fromB, inserted.toString());
          onLocalEdit();
        }
      });
    }
    if ((update.selectionSet || update.docChanged) && !remote && bound) {
      const { from, to } = update.state.selection.main;
      selection.set({ start: from, end: to });
    }
  });

  const view = new EditorView({
    parent: mount,
    root: shadow,
    state: EditorState.create({
      doc: text.value(),
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        syntaxHighlighting(highlightStyle),
        javascript(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": "Shared document" }),
        remoteSelections,
        sendLocal,
        editable.of([]),
      ],
    }),
  });
  // rc.12 defect: once the model is back online after a reconnect, the client means to share its references again,
  // but share() of a reference it still counts as shared sends nothing, so the others would not see this cursor until
  // the page reopened the model. Unsharing first makes share() send it, with its current value.
  const model = text.model();
  const shareAgain = () => {
    if (!bound) return;
    selection.unshare();
    selection.share();
  };
  model.on("online", shareAgain);

  // Remote edits → the editor, marked so they are not sent back.
  const applyRemote = (changes) => view.dispatch({ changes, annotations: remoteEdit.of(true) });
  const onInsert = (e) => applyRemote({ from: e.index, insert: e.value });
  const onRemove = (e) => applyRemote({ from: e.index, to: e.index + e.value.length });
  const onValue = () => applyRemote({ from: 0, to: view.state.doc.length, insert: bound.value() });

  // Remote references → decorations. Each is redrawn from the client's values, which it keeps transformed.
  const showRemote = () => {
    const selections = bound
      .references({ key: "selection" })
      .filter((r) => !r.isLocal() && !r.isDisposed() && r.isSet())
      .map((r) => {
        const { start, end } = r.value();
        return { sessionId: r.sessionId(), name: r.user().displayName || r.user().username, from: start, to: end };
      });
    view.dispatch({ effects: setRemoteSelections.of(selections) });
  };
  const watch = (reference) => {
    if (reference.isLocal() || reference.key() !== "selection") return;
    for (const name of ["set", "cleared", "disposed"]) reference.on(name, showRemote);
  };
  const onReference = (e) => {
    watch(e.reference);
    showRemote();
  };

  function bind(string) {
    bound = string;
    string.on("insert", onInsert);
    string.on("remove", onRemove);
    string.on("value", onValue);
    string.references({ key: "selection" }).forEach(watch);
    string.on("reference", onReference);
    selection = string.rangeReference("selection");
    const { from, to } = view.state.selection.main;
    selection.set({ start: from, end: to });
    selection.share();
    showRemote();
  }

  function unbind() {
    if (!bound) return;
    bound.off("insert", onInsert);
    bound.off("remove", onRemove);
    bound.off("value", onValue);
    bound.off("reference", onReference);
  }

  bind(text);

  return {
    view,
    rebind(string) {
      if (string === bound) return;
      // The old string is detached: the client has disposed of its references (ours and the others'), so there is
      // nothing to unshare. The others share theirs anew on the new string as their pages rebind too.
      unbind();
      bound = string;
      if (!string) {
        view.dispatch({ effects: setRemoteSelections.of([]) });
        setEditable(false);
        return;
      }
      applyRemote({ from: 0, to: view.state.doc.length, insert: string.value() });
      setEditable(true);
      bind(string);
    },
    destroy() {
      unbind();
      model.off("online", shareAgain);
      view.destroy();
      mount.remove();
    },
  };
}
