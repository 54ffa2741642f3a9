// Small building blocks shared by the pages: a labelled field, messages announced to screen readers, a modal dialog.
import { useEffect, useRef, useState } from "preact/hooks";

let nextId = 0;
/** An id for pairing a label with its input; stable for the component's life. */
export function useId(prefix) {
  const id = useRef(null);
  if (id.current === null) id.current = `${prefix}-${++nextId}`;
  return id.current;
}

/** A text input with its visible label (and an optional hint, tied to the input by aria-describedby). */
export function Field({ label, hint, id: given, ...input }) {
  const generated = useId("field");
  const id = given || generated;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** An error (role=alert: read out at once) or a notice (role=status: read out when the reader is idle). */
export function Message({ error, children }) {
  if (!children) return null;
  return error ? (
    <p class="message error" role="alert">
      {children}
    </p>
  ) : (
    <p class="message notice" role="status">
      {children}
    </p>
  );
}

/**
 * A modal dialog (the browser's own <dialog>: it keeps focus inside, Escape closes it, and the rest of the page is
 * inert while it is open). Open while rendered; onClose is called however it closes.
 */
export function Dialog({ title, onClose, children }) {
  const ref = useRef(null);
  const titleId = useId("dialog-title");
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // back to where the user was, as a dialog that closes should
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** Asks before something that cannot be undone; the safe choice (Cancel) has the focus first. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, busy, error }) {
  return (
    <Dialog title={title} onClose={onClose}>
      {children}
      <Message error>{error}</Message>
      <div class="actions">
        <button type="button" autofocus onClick={onClose}>
          Cancel
        </button>
        <button type="button" class="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** A date from the API's milliseconds, or a dash. */
export function when(millis) {
  return millis ? new Date(millis).toLocaleString() : "—";
}

/** A multi-line text field with its visible label. */
export function Area({ label, hint, id: given, ...area }) {
  const generated = useId("area");
  const id = given || generated;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...area} />
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label beside it. */
export function Check({ label, checked, onChange, ...input }) {
  return (
    <label class="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} {...input} />
      {label}
    </label>
  );
}

/**
 * A form's submission: run(fn) calls fn, keeps the error message (prefixed with what failed) and says when it is
 * busy. Resolves to true when fn succeeded.
 */
export function useAction(failure) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (fn) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      if (e.status !== 401) setError(`${failure}: ${e.message}`);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, setError };
}

/** Calls submit(event) with the default prevented: for a form's onSubmit. */
export const onSubmit = (submit) => (event) => {
  event.preventDefault();
  submit();
};
