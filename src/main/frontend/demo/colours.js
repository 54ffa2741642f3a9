// Each session's colour (its cursor, selection and place in the who-is-here list), the same on every page: one of
// the style sheet's classes remote-c0 … remote-c7, chosen by a hash of the session id. Classes, not inline styles,
// because the page's Content-Security-Policy allows no inline style.
export const COLOURS = 8;

export function colourOf(sessionId) {
  let hash = 0;
  for (let i = 0; i < sessionId.length; i++) hash = (Math.imul(hash, 31) + sessionId.charCodeAt(i)) | 0;
  return Math.abs(hash) % COLOURS;
}
