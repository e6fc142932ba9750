// jsonld.js (npm `jsonld`) compacting N-Quads with a context: the reference benches/run compares
// `wangluo export --format jsonld` with.  node jsonld-compact.js IN.nq CONTEXT.jsonld OUT.jsonld
const fs = require("fs");
const jsonld = require("jsonld");

async function main() {
  const [input, contextFile, output] = process.argv.slice(2);
  const nquads = fs.readFileSync(input, "utf8");
  const context = JSON.parse(fs.readFileSync(contextFile, "utf8"))["@context"];
  const expanded = await jsonld.fromRDF(nquads, { format: "application/n-quads" });
  const compacted = await jsonld.compact(expanded, context);
  fs.writeFileSync(output, JSON.stringify(compacted, null, 2) + "\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
