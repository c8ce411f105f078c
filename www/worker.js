// The Web Worker that runs the Rust engine, so that the page never freezes while it works.
//
// Protocol (see engine.js, its only client):
//   → { type: 'init', module? }        start; `module` is a compiled WebAssembly.Module, when the
//                                      page compiled it already (it starts downloading earlier)
//   ← { type: 'ready', module }        the module this worker compiled, to reuse after a restart
//   ← { type: 'failed', error }        the engine could not start
//   → { id, type: 'compare', left, right, options }
//   → { id, type: 'readFile', bytes, name }
//   ← { id, ok: true, result } | { id, ok: false, error: { name, message, code, … } }
// Requests wait for 'init'; the glue module loads meanwhile.

const WASM_URL = new URL('./pkg/notice_diff_bg.wasm', import.meta.url);
const glue = import('./pkg/notice_diff.js');
glue.catch(() => {}); // reported through `engine` below

let initialised;
const initMessage = new Promise((resolve) => {
  initialised = resolve;
});
const engine = initMessage.then(async (module) => {
  const compiled = module ?? (await WebAssembly.compileStreaming(fetch(WASM_URL)));
  const api = await glue;
  await api.default({ module_or_path: compiled });
  if (!module) self.postMessage({ type: 'ready', module: compiled });
  return api;
});
engine.catch((error) => self.postMessage({ type: 'failed', error: plainError(error) }));

/** A thrown value as plain data: its message plus the reader's `code`, `kind`, `size`, `limit`… */
function plainError(error) {
  const out = { name: 'Error', message: String(error) };
  if (error && typeof error === 'object') {
    out.name = error.name ?? 'Error';
    out.message = String(error.message ?? error);
    for (const [key, value] of Object.entries(error)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
    }
  }
  return out;
}

self.onmessage = async (event) => {
  const message = event.data ?? {};
  if (message.type === 'init') {
    initialised(message.module ?? null);
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
