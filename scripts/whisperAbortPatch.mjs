// Adds an abort entry point to smart-whisper's binding before postinstall compiles it.
//
// whisper.cpp can stop a pass between graph nodes and decoder steps (whisper_full_params.abort_callback),
// but smart-whisper 0.8.1 never sets that callback, so a live pass that Stop has made pointless would
// run to its end before the final pass could start. The patch gives every transcription worker an
// abort flag and exports `abort(handle)`, which raises it for the passes running or queued on that
// model. The files must hash to the published 0.8.1 sources and each edit is anchored and checked,
// so a different smart-whisper version fails the install loudly instead of being patched blindly.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Bumped whenever the patch changes, so postinstall rebuilds the addon. */
export const ABORT_PATCH_VERSION = 1;
const MARK_PREFIX = '/* interview-coach abort patch';
const MARK = `${MARK_PREFIX} v${ABORT_PATCH_VERSION} */`;

/** SHA-256 of the files this patch edits, as published in smart-whisper-0.8.1.tgz on npm. */
export const ORIGINAL_SHA256 = {
  'src/binding/transcribe.cc': '5c6578e792124661cfebb475e6acfd16687569178e0d25caf87b33832a111bbb',
  'src/binding/transcribe.h': '66b67e1e1243f829e08adb1fca55e27f26a144c914f81c7841902cc19a054838',
  'src/binding/binding.cc': 'decc9b0725991ee2b8316fa42e3659c5ac1b4cf24e7b88ce326d51800753215c',
};

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** [file, anchor, replacement] — the anchor must occur exactly once in the unpatched file. */
export const ABORT_PATCH_EDITS = [
  [
    'src/binding/transcribe.h',
    'Napi::Value Transcribe(const Napi::CallbackInfo& info);',
    `Napi::Value Transcribe(const Napi::CallbackInfo& info);
${MARK}
Napi::Value AbortTranscriptions(const Napi::CallbackInfo& info);`,
  ],
  [
    'src/binding/transcribe.cc',
    '#include "transcribe.h"\n',
    `#include "transcribe.h"
${MARK}
#include <atomic>
#include <mutex>
#include <set>

class TranscribeWorker;
// Workers alive on any model; touched on the JS thread, read under the lock from abort().
static std::mutex             g_workers_mutex;
static std::set<TranscribeWorker*> g_workers;
`,
  ],
  [
    'src/binding/transcribe.cc',
    `        this->progress_callback.Reset(progress_callback, 1);
        state = nullptr;
    }`,
    `        this->progress_callback.Reset(progress_callback, 1);
        state = nullptr;
        std::lock_guard<std::mutex> lock(g_workers_mutex);
        g_workers.insert(this);
    }

    whisper_context* model_context() const { return context; }
    void request_abort() { aborted.store(true); }`,
  ],
  [
    'src/binding/transcribe.cc',
    `    ~TranscribeWorker() {
        delete[] samples;`,
    `    ~TranscribeWorker() {
        {
            std::lock_guard<std::mutex> lock(g_workers_mutex);
            g_workers.erase(this);
        }
        delete[] samples;`,
  ],
  [
    'src/binding/transcribe.cc',
    `        params.new_segment_callback_user_data = (void*)&progress;
`,
    `        params.new_segment_callback_user_data = (void*)&progress;
        params.abort_callback = [](void* user_data) -> bool {
            return static_cast<std::atomic<bool>*>(user_data)->load();
        };
        params.abort_callback_user_data = (void*)&aborted;
        if (aborted.load()) {
            SetError("aborted");
            return;
        }
`,
  ],
  [
    'src/binding/transcribe.cc',
    `        if (err != 0) {
            SetError("whisper_full operation failed");`,
    `        if (err != 0) {
            SetError(aborted.load() ? "aborted" : "whisper_full operation failed");`,
  ],
  [
    'src/binding/transcribe.cc',
    `    Napi::FunctionReference                progress_callback;
};`,
    `    Napi::FunctionReference                progress_callback;
    std::atomic<bool>                      aborted{false};
};

Napi::Value AbortTranscriptions(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() != 1 || !info[0].IsExternal()) {
        Napi::TypeError::New(env, "abort(handle) expects a model handle").ThrowAsJavaScriptException();
        return env.Null();
    }
    whisper_context* context = info[0].As<Napi::External<whisper_context>>().Data();
    int n = 0;
    std::lock_guard<std::mutex> lock(g_workers_mutex);
    for (TranscribeWorker* w : g_workers) {
        if (w->model_context() == context) {
            w->request_abort();
            n++;
        }
    }
    return Napi::Number::New(env, n);
}`,
  ],
  [
    'src/binding/binding.cc',
    `    exports.Set("transcribe", Napi::Function::New(env, Transcribe));`,
    `    exports.Set("transcribe", Napi::Function::New(env, Transcribe));
    ${MARK}
    exports.Set("abort", Napi::Function::New(env, AbortTranscriptions));`,
  ],
];

/** Applies the edits once; a second run sees the marker and leaves the files alone. */
export function applyAbortPatch(pkgDir) {
  const files = new Map();
  for (const [file] of ABORT_PATCH_EDITS) {
    if (!files.has(file)) files.set(file, readFileSync(path.join(pkgDir, file), 'utf8'));
  }
  const reinstall = 'reinstall it (rm -rf node_modules/smart-whisper && npm install)';
  const patched = [...files.values()].filter((text) => text.includes(MARK)).length;
  if (patched === files.size) return false;
  if (patched !== 0) throw new Error(`smart-whisper is partly patched; ${reinstall}`);
  if ([...files.values()].some((text) => text.includes(MARK_PREFIX))) {
    throw new Error(`smart-whisper carries another version of the abort patch; ${reinstall}`);
  }
  for (const [file, text] of files) {
    if (sha256(text) !== ORIGINAL_SHA256[file]) {
      throw new Error(`smart-whisper's ${file} is not the 0.8.1 source this project patches; ${reinstall}.`);
    }
  }
  for (const [file, anchor, replacement] of ABORT_PATCH_EDITS) {
    const text = files.get(file);
    const at = text.indexOf(anchor);
    if (at < 0 || text.indexOf(anchor, at + 1) >= 0) {
      throw new Error(
        `smart-whisper's ${file} is not the 0.8.1 source this project patches (anchor ${JSON.stringify(anchor.slice(0, 40))}).`,
      );
    }
    files.set(file, text.slice(0, at) + replacement + text.slice(at + anchor.length));
  }
  for (const [file, text] of files) writeFileSync(path.join(pkgDir, file), text);
  return true;
}
