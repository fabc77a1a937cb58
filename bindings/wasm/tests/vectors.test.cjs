// Replays every conformance vector (tests/vectors/*.json) through the JS API of the
// `ecorules` package and requires output identical to the vector's `expected` (or the
// thrown error's envelope equal to `expected_error`). A kind this binding does not know
// fails its file: no vector is skipped silently.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ecorules = require(process.env.ECORULES_PKG || path.join(__dirname, '..', 'pkg', 'node', 'ecorules.js'));
const VECTORS = path.join(__dirname, '..', '..', '..', 'tests', 'vectors');

/** kind -> function(input) returning the output as a plain object (or throwing). */
const RUNNERS = {
  evaluate(input) {
    const plan = ecorules.Plan.compile(input.permit, input.packs ?? []);
    try {
      return plan.evaluate(input.data, input.options, input.load);
    } finally {
      plan.free();
    }
  },
  comply(input) {
    return ecorules.comply(input);
  },
  warnings(input) {
    return ecorules.warnings(input);
  },
  // Inspections: the request-level functions mirror the core's request runners.
  inspection(input) {
    return ecorules.inspection(input);
  },
  inspection_restore(input) {
    return ecorules.inspectionRestore(input);
  },
  checklist_load(input) {
    return ecorules.checklistLoad(input);
  },
  // Spot checks go through the typed API (Plan handle + plan.onsiteCheck); the request-level
  // `onsiteCheck(input)` must agree with it.
  onsite_check(input) {
    let typed;
    let typedErr;
    const plan = ecorules.Plan.compile(input.permit, input.packs ?? []);
    try {
      typed = plan.onsiteCheck(input.measurement);
    } catch (e) {
      typedErr = e;
    } finally {
      plan.free();
    }
    let viaRequest;
    try {
      viaRequest = ecorules.onsiteCheck(input);
    } catch (e) {
      assert.ok(typedErr, `onsiteCheck(request) threw but plan.onsiteCheck did not: ${e}`);
      assert.deepStrictEqual(typedErr.toJSON(), e.toJSON());
      throw e;
    }
    assert.ok(!typedErr, `plan.onsiteCheck threw but onsiteCheck(request) did not: ${typedErr}`);
    assert.deepStrictEqual(typed, viaRequest);
    return typed;
  },
  hj212_decode(input) {
    const { text, ...options } = input;
    return ecorules.decodeHj212(text, options);
  },
};

const files = fs.readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort();

test('the vector directory is readable', () => {
  assert.ok(Array.isArray(files));
});

for (const file of files) {
  test(`vector ${file}`, () => {
    const v = JSON.parse(fs.readFileSync(path.join(VECTORS, file), 'utf8'));
    const run = RUNNERS[v.kind];
    assert.ok(run, `vector kind \`${v.kind}\` is not supported by the wasm binding`);
    let out;
    let err;
    try {
      out = run(v.input);
    } catch (e) {
      err = e;
    }
    if ('expected_error' in v) {
      assert.ok(err, 'expected an error, got a result');
      assert.ok(err instanceof ecorules.EcorulesError, `not an EcorulesError: ${err}`);
      assert.deepStrictEqual(err.toJSON(), v.expected_error);
    } else {
      if (err) throw err;
      // Compare as parsed JSON, like the Rust runner.
      assert.deepStrictEqual(JSON.parse(JSON.stringify(out)), v.expected);
    }
  });
}
