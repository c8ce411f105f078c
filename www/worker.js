// The Web Worker that runs the Rust engine, so that the page never freezes while it works.
//
// Protocol (see engine.js, its only client):
//   → { type: 'init', module? }        start; `module` is a compiled WebAssembly.Module to reuse
//   ← { type: 'ready', module }        the compiled module, for the next worker after a restart
//   → { id, type: 'compare', left, right, options }
//   → { id, type: 'readFile', bytes, name }
//   ← { id, ok: true, result } | { id, ok: false, error: { name, message, code, … } }
// Messages that arrive before the engine is ready wait for it.
import init, { compare, readFile } from './pkg/notice_diff.js';

let ready = null;

function start(module) {
  ready = (async () => {
    const compiled = module ?? (await WebAssembly.compileStreaming(fetch(new URL('./pkg/notice_diff_bg.wasm', import.meta.url))));
    await init({ module_or_path: compiled });
    self.postMessage({ type: 'ready', module: compiled });
  })();
  return ready;
}

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
    start(message.module).catch((error) => self.postMessage({ type: 'failed', error: plainError(error) }));
    return;
  }
  const { id, type } = message;
  try {
    await (ready ?? start());
    let result;
    if (type === 'compare') result = compare(message.left, message.right, message.options ?? {});
    else if (type === 'readFile') result = readFile(new Uint8Array(message.bytes), message.name ?? undefined);
    else throw new Error(`unknown request ${type}`);
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: plainError(error) });
  }
};
