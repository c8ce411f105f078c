// The iframe embed, for hosts that cannot add scripts:
//   <iframe src="https://…/embed.html?left=URL&right=URL&view=inline&lang=en"></iframe>
// URLs are relative to this page. A host that can run a script may also drive the frame with
// postMessage: {type: 'notice-diff:compare', id?, left, right, options?}, and hears back
// notice-diff:ready, notice-diff:compared, notice-diff:error and notice-diff:select.
//
// Messages are accepted only from the origins the `origin` parameter names (repeatable, or
// comma-separated), or, without it, from the origin of the page that framed this one; and
// replies go to that origin only, never to '*'.
import { NoticeDiff } from './notice-diff-element.js';

NoticeDiff.define();

const params = new URLSearchParams(location.search);
const element = document.querySelector('notice-diff');

const page = new CSSStyleSheet();
page.replaceSync('html, body { margin: 0; height: 100%; } notice-diff { height: 100%; }');
document.adoptedStyleSheets = [page];

/** Option attributes and the keys a message's `options` uses for them. */
const OPTIONS = {
  view: 'view',
  lang: 'lang',
  ignoreWhitespace: 'ignore-whitespace',
  foldWidth: 'fold-width',
  ignorePunctuation: 'ignore-punctuation',
  foldNumerals: 'fold-numerals',
  timeBudgetMs: 'time-budget-ms',
};

for (const attribute of Object.values(OPTIONS)) {
  const value = params.get(attribute);
  if (value !== null) element.setAttribute(attribute, value);
}
if (params.has('lang')) document.documentElement.lang = params.get('lang');
for (const side of ['left', 'right']) {
  const url = params.get(side);
  if (url) element.setAttribute(`${side}-src`, url);
}

function originOf(url) {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

const framed = window.parent !== window;
// ancestorOrigins survives a host's no-referrer policy where the browser has it.
const parentOrigin = framed ? (location.ancestorOrigins?.[0] ?? originOf(document.referrer)) : null;
const allowed = new Set(
  params.getAll('origin').flatMap((value) => value.split(/[\s,]+/)).map(originOf).filter(Boolean),
);
if (allowed.size === 0 && parentOrigin) allowed.add(parentOrigin);
// Where replies go: the framing page when it is allowed; else the one allowed origin, which
// postMessage delivers only if the parent really is at that origin.
const target = parentOrigin
  ? (allowed.has(parentOrigin) ? parentOrigin : null)
  : (allowed.size === 1 ? [...allowed][0] : null);

function post(type, detail, id) {
  if (!framed || !target) return;
  const message = id === undefined ? { type, detail } : { type, id, detail };
  window.parent.postMessage(message, target);
}

// Requests from messages in flight: their outcome is the reply (with the request's id), so
// the element's own events for them are not forwarded a second time.
let requests = 0;

const forward = (type, unlessRequested) => (event) => {
  if (unlessRequested && requests > 0) return;
  post(type, event.detail);
};
element.addEventListener('notice-diff-ready', forward('notice-diff:ready', false));
element.addEventListener('notice-diff-compared', forward('notice-diff:compared', true));
element.addEventListener('notice-diff-error', forward('notice-diff:error', true));
element.addEventListener('notice-diff-select', forward('notice-diff:select', false));

function badMessage(id, why) {
  post('notice-diff:error', { code: 'bad_message', message: why }, id);
}

function applyOptions(options) {
  for (const [key, attribute] of Object.entries(OPTIONS)) {
    const value = options[key];
    if (value === undefined) continue;
    if (value === null) element.removeAttribute(attribute);
    else element.setAttribute(attribute, String(value));
  }
}

function compare({ id, left, right, options = {} }) {
  if (typeof left !== 'string' || typeof right !== 'string') {
    badMessage(id, 'notice-diff:compare needs `left` and `right` as strings');
    return;
  }
  if (options === null || typeof options !== 'object') {
    badMessage(id, '`options` must be an object');
    return;
  }
  applyOptions(options);
  requests += 1;
  element.compare(left, right).then(
    (statistics) => post('notice-diff:compared', statistics, id),
    (error) => post('notice-diff:error', { code: error.code ?? 'compare_failed', message: error.message }, id),
  ).finally(() => { requests -= 1; });
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || !allowed.has(event.origin)) return;
  const message = event.data;
  if (message === null || typeof message !== 'object' || typeof message.type !== 'string') return;
  if (!message.type.startsWith('notice-diff:')) return;
  switch (message.type) {
    case 'notice-diff:compare': compare(message); break;
    case 'notice-diff:next': element.next(); break;
    case 'notice-diff:prev': element.prev(); break;
    default: badMessage(message.id, `unknown message type ${message.type}`);
  }
});
