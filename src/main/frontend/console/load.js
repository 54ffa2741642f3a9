// Loading data for a page: the result, the error, and a way to load again after a change.
import { useCallback, useEffect, useState } from "preact/hooks";

export function useLoad(load, deps = []) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const reload = useCallback(async () => {
    try {
      const data = await load();
      setState({ data, error: null, loading: false });
    } catch (error) {
      // a 401 already sent the user to the sign-in page
      if (error.status !== 401) setState((s) => ({ ...s, error, loading: false }));
    }
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  return { ...state, reload };
}
