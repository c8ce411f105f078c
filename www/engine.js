// The client of the engine worker: the Rust core, off the main thread.
//
//   const engine = new Engine();
//   const comparison = await engine.compare(left, right, { ignorePunctuation: true });
//   const { text, format, encoding } = await engine.readFile(bytes, 'notice.docx');
//
// A new `compare` cancels the one still running: wasm cannot be interrupted from outside,
// so the worker is terminated and a fresh one started (from the already compiled module,
// which takes milliseconds). The cancelled promise rejects with an `AbortError`, which
// callers ignore. `readFile` requests are never cancelled; they survive a restart.
// Errors reject with an `EngineError` whose `code` (and `kind`, `size`, `limit`) come from
// the Rust reader when it has one; `loadFailed` is set when the wasm could not be loaded.

const WORKER_URL = new URL('./worker.js', import.meta.url);
export const WASM_URL = new URL('./pkg/notice_diff_bg.wasm', import.meta.url);

/**
 * The engine's own defaults for `compare` (docs/schema.md): what the page's option boxes say
 * before anyone touches them, and what its default comparison is made with at build time
 * (scripts/build-default-comparison.mjs).
 */
export const DEFAULT_OPTIONS = Object.freeze({ ignoreWhitespace: true, foldWidth: true, ignorePunctuation: false, foldNumerals: false });

/**
 * A thrown value as plain data, as it crosses from the engine to its caller (the worker's
 * answers, or the page's own first comparison): its name and message plus the reader's
 * `code`, `kind`, `size`, `limit`…, primitive fields only.
 */
export function plainError(error) {
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

/** An error from the engine, carrying the reader's machine fields (`code`, `kind`, …). */
export class EngineError extends Error {
  constructor(fields = {}) {
    super(fields.message ?? 'engine error');
    this.name = fields.name === 'AbortError' ? 'AbortError' : 'EngineError';
    for (const [key, value] of Object.entries(fields)) {
      if (key !== 'message' && key !== 'name') this[key] = value;
    }
    // A trap (`unreachable`, out of memory) leaves the wasm instance unusable.
    this.crashed = fields.name === 'RuntimeError' || fields.crashed === true;
  }
}

function abortError() {
  return new EngineError({ name: 'AbortError', message: 'cancelled by a newer request' });
}

export class Engine {
  /**
   * @param {object} [options]
   * @param {URL|string} [options.workerUrl]  where worker.js is (default: next to this file)
   * @param {URL|string} [options.wasmUrl]    the engine's wasm (default: pkg/ next to this file)
   * @param {Promise<WebAssembly.Module>} [options.module]  the wasm, when the caller compiles
   *   it anyway (the page does, for its first comparison): the worker then starts at the first
   *   request or `start()`, from that module. Without it the worker starts at once and
   *   fetches and compiles the wasm itself, so nothing waits for this thread.
   */
  constructor({ workerUrl = WORKER_URL, wasmUrl = WASM_URL, module } = {}) {
    this.workerUrl = workerUrl;
    this.wasmUrl = String(new URL(wasmUrl, globalThis.location?.href));
    // The compiled wasm (or the promise of it): the caller's, or else the first worker's own
    // once it has compiled it; every worker after that starts from it (restarts).
    this.module = module ?? null;
    this.nextId = 1;
    this.pending = new Map(); // id → { message, transfer, resolve, reject, kind }
    this.worker = null;
    this.busy = 0; // requests posted to the current worker and not yet answered
    if (!this.module) this.spawn();
  }

  /** Starts the worker now rather than at the first request (when it was given a module). */
  start() {
    if (!this.worker) this.spawn();
  }

  /** Compares two texts; resolves to a Comparison (docs/schema.md). Cancels an unfinished compare. */
  compare(left, right, options = {}) {
    return this.compareRequest({ left: String(left), right: String(right), options: { ...options } });
  }

  compareRequest(fields) {
    for (const [id, request] of this.pending) {
      if (request.kind === 'compare') {
        this.pending.delete(id);
        request.reject(abortError());
      }
    }
    // Only a worker that is still working on something needs replacing.
    if (this.busy > 0) this.restart();
    return this.request('compare', fields);
  }

  /** Reads a file's bytes (Uint8Array or ArrayBuffer); resolves to `{ text, format, encoding }`. */
  readFile(bytes, name) {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    // A copy is transferred so that the caller keeps its buffer.
    const copy = view.slice();
    return this.request('readFile', { bytes: copy.buffer, name: name ?? null }, [copy.buffer]);
  }

  /** Stops the worker; pending requests reject with an AbortError. */
  terminate() {
    this.worker?.terminate();
    this.worker = null;
    for (const request of this.pending.values()) request.reject(abortError());
    this.pending.clear();
  }

  request(kind, fields, transfer = []) {
    const id = this.nextId++;
    const message = { id, type: kind, ...fields };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { message, transfer, resolve, reject, kind });
      if (!this.worker) this.spawn();
      this.post(message, transfer);
    });
  }

  post(message, transfer) {
    this.busy++;
    // A transferred buffer is gone from this side; keep a copy for a re-post after a restart.
    if (transfer.length) {
      const request = this.pending.get(message.id);
      if (request) request.message = { ...message, bytes: message.bytes.slice(0) };
    }
    this.worker.postMessage(message, transfer);
  }

  spawn() {
    // The name tells a worker with no module to come to compile the wasm itself at once.
    const worker = new Worker(this.workerUrl, { type: 'module', name: this.module ? 'notice-diff' : 'notice-diff+compile' });
    this.worker = worker;
    this.busy = 0;
    worker.onmessage = (event) => this.receive(worker, event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.crash(worker, event.message || 'the engine worker failed');
    };
    worker.onmessageerror = () => this.crash(worker, 'a message from the engine could not be read');
    const init = (module) => worker.postMessage({ type: 'init', module: module ?? undefined, wasmUrl: this.wasmUrl });
    // A given module that failed to compile: the worker tries itself, and reports the failure.
    Promise.resolve(this.module).then(init, () => init(null));
  }

  restart() {
    this.worker?.terminate();
    this.spawn();
    for (const request of this.pending.values()) {
      const transfer = request.message.bytes ? [request.message.bytes] : [];
      const message = transfer.length ? { ...request.message, bytes: request.message.bytes.slice(0) } : request.message;
      this.post(message, transfer.length ? [message.bytes] : []);
    }
  }

  receive(worker, data) {
    if (worker !== this.worker || !data) return;
    if (data.type === 'ready') {
      if (data.module) this.module = data.module;
      return;
    }
    if (data.type === 'failed') {
      this.crash(worker, data.error?.message ?? 'the engine could not start', false, true);
      return;
    }
    this.busy = Math.max(0, this.busy - 1);
    const request = this.pending.get(data.id);
    if (!request) return;
    this.pending.delete(data.id);
    if (data.ok) {
      request.resolve(data.result);
      return;
    }
    const error = new EngineError(data.error);
    request.reject(error);
    if (error.crashed) {
      // Everything else queued on this instance would fail the same way.
      this.worker.terminate();
      this.worker = null;
      if (this.pending.size) this.restart();
    }
  }

  /** The worker died: every request on it fails, and the next request starts a new one. */
  crash(worker, message, restartable = true, loadFailed = false) {
    if (worker !== this.worker) return;
    worker.terminate();
    this.worker = null;
    this.busy = 0;
    // `loadFailed`, not a `code`: codes are the reader's (a refused file), and the widget
    // takes any coded answer as a sign that the engine runs.
    const error = new EngineError({ message, crashed: restartable, ...(loadFailed ? { loadFailed: true } : {}) });
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }
}
