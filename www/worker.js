// The Web Worker that runs the Rust engine, so that the page never freezes while it works.
//
// Protocol (see engine.js, its only client):
//   new Worker(url, { name: 'notice-diff+compile' })   the first worker of an Engine that was
//                                      given no module: it fetches and compiles the wasm
//                                      itself, from its first moment, so nothing waits for
//                                      the main thread (busy laying the page out)
//   → { type: 'init', module?, wasmUrl }  start; `module` is the compiled WebAssembly.Module
//                                      when the page or an earlier worker compiled it;
//                                      `wasmUrl` what to compile otherwise
//   ← { type: 'ready', module }        the module this worker compiled, to reuse after a restart
//   ← { type: 'failed', error }        the engine could not start
//   → { id, type: 'compare', left, right, options }
//   → { id, type: 'readFile', bytes, name }
//   ← { id, ok: true, result } | { id, ok: false, error: { name, message, code, … } }
// Requests wait for 'init'; the glue module loads meanwhile.

import { plainError } from './engine.js';

const WASM_URL = new URL('./pkg/notice_diff_bg.wasm', import.meta.url);
/** Ends the name of a worker that is to compile the wasm itself (engine.js). */
const COMPILE_SUFFIX = '+compile';
const glue = import('./pkg/notice_diff.js');
glue.catch(() => {}); // reported through `engine` below

let initialised;
const initMessage = new Promise((resolve) => {
  initialised = resolve;
});
// A worker started without a module (its name says so) compiles at once, not after the
// 'init' message, which arrives only once this script has run and then some.
const ownCompile = self.name.endsWith(COMPILE_SUFFIX) ? WebAssembly.compileStreaming(fetch(WASM_URL)) : null;
ownCompile?.catch(() => {}); // reported through `engine` below
const engine = initMessage.then(async ({ module, wasmUrl }) => {
  const url = String(wasmUrl ?? WASM_URL);
  const compiled = module ?? (await (ownCompile && url === String(WASM_URL) ? ownCompile : WebAssembly.compileStreaming(fetch(url))));
  const api = await glue;
  await api.default({ module_or_path: compiled });
  if (!module) self.postMessage({ type: 'ready', module: compiled });
  return api;
});
engine.catch((error) => self.postMessage({ type: 'failed', error: plainError(error) }));

self.onmessage = async (event) => {
  const message = event.data ?? {};
  if (message.type === 'init') {
    initialised(message);
    return;
  }
  const { id, type } = message;
  try {
    const api = await engine;
    let result;
    if (type === 'compare') result = api.compare(message.left, message.right, message.options ?? {});
    else if (type === 'readFile') result = api.readFile(new Uint8Array(message.bytes), message.name ?? undefined);
    else throw new Error(`unknown request ${type}`);
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: plainError(error) });
  }
};
