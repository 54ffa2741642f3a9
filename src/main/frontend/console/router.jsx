// Routing by path under /console/ (the server answers every such path with index.html), with the History API.
import { useEffect, useState } from "preact/hooks";

export const BASE = "/console";

/** The route: the path after /console, without a trailing slash ("" is the dashboard). */
function current() {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : "";
  return path.replace(/\/+$/, "");
}

const listeners = new Set();

export function navigate(route, { replace = false } = {}) {
  const url = `${BASE}${route || "/"}`;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  listeners.forEach((listener) => listener(current()));
}

export function useRoute() {
  const [route, setRoute] = useState(current());
  useEffect(() => {
    const update = () => setRoute(current());
    listeners.add(setRoute);
    addEventListener("popstate", update);
    return () => {
      listeners.delete(setRoute);
      removeEventListener("popstate", update);
    };
  }, []);
  return route;
}

/** A link inside the console: a real href (open in a new tab works), navigation without a reload on a plain click. */
export function Link({ to, children, ...props }) {
  const onClick = (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={`${BASE}${to || "/"}`} onClick={onClick} {...props}>
      {children}
    </a>
  );
}
