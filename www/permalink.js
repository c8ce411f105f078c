// Permalinks: both texts (and the options) compressed into the URL fragment, so that a
// comparison can be shared with no server. The fragment never leaves the browser.
//
//   #z=<base64url(deflate-raw(JSON))>   JSON: { v: 1, left: { text, name }, right: { … }, options }

const PREFIX = '#z=';

/** Above this, chat apps, mail clients and link shorteners commonly cut links. */
export const LONG_URL = 32 * 1024;
/** Above this, Chrome (and so most browsers) refuse the URL outright. */
export const MAX_URL = 2 * 1024 * 1024;

async function pipe(bytes, stream) {
  const response = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

function toBase64Url(bytes) {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The fragment (with its '#') that holds `state`. */
export async function encodeState(state) {
  const json = JSON.stringify({ v: 1, ...state });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return PREFIX + toBase64Url(packed);
}

/** Whether `hash` looks like one of our permalinks. */
export function isPermalink(hash) {
  return typeof hash === 'string' && hash.startsWith(PREFIX) && hash.length > PREFIX.length;
}

/** The state in a permalink fragment; throws when it is damaged. */
export async function decodeState(hash) {
  if (!isPermalink(hash)) throw new Error('not a permalink');
  const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
  const state = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  if (!state || state.v !== 1 || typeof state.left?.text !== 'string' || typeof state.right?.text !== 'string') {
    throw new Error('not a notice-diff permalink');
  }
  return state;
}

/** 'ok', 'long' (over 32 KB) or 'too_long' (over 2 MB) for a URL of `length` characters. */
export function urlLengthClass(length) {
  if (length > MAX_URL) return 'too_long';
  if (length > LONG_URL) return 'long';
  return 'ok';
}
