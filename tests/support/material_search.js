// Material for MkDocs' own search worker, run in Node without a browser: what it answers for each query.
// stdin: {"worker": path of search.*.min.js, "index": {config, docs}, "queries": [...]}
// stdout: {query: [[location, score], ...]} in the worker's order (best first, grouped by page as Material does).
const fs = require("fs");
const vm = require("vm");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
let handler = null;
let answers = [];
globalThis.self = globalThis;
globalThis.addEventListener = (type, listener) => { handler = listener; };
globalThis.postMessage = message => answers.push(message);
vm.runInThisContext(fs.readFileSync(input.worker, "utf8"));

(async () => {
  const { config, docs } = input.index;
  await handler({ data: { type: 0, data: { config, docs, options: { suggest: false } } } });  // SETUP
  const results = {};
  for (const query of input.queries) {
    answers = [];
    await handler({ data: { type: 2, data: query } });  // QUERY
    results[query] = answers[0].data.items.flat().map(item => [item.location, item.score]);
  }
  process.stdout.write(JSON.stringify(results));
})();
