// docs/api.md, generated from the TSDoc of each package entry point with the TypeScript
// compiler API: every export, its signature or members, its documentation and examples.
// The instance's methods (the `Nudge` type) are listed one by one from the object createNudge returns.
import ts from "typescript";

/** Entry points as the package exports them, with the source file each is built from. */
export const ENTRIES = [
  ["nudge-sdk", "src/index.ts"],
  ["nudge-sdk/rules", "src/rules/public.ts"],
  ["nudge-sdk/react", "src/react/index.ts"],
  ["nudge-sdk/widgets/popup", "widgets/popup/index.tsx"],
];

const FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | ts.TypeFormatFlags.WriteArrowStyleSignature;

function docOf(symbol, checker) {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const examples = symbol
    .getJsDocTags(checker)
    .filter((tag) => tag.name === "example")
    .map((tag) => ts.displayPartsToString(tag.text).trim())
    .map((example) => (example.startsWith("```") ? example : ["```ts", example, "```"].join("\n")));
  return { text, examples };
}

/** `{@link Foo}` → `Foo`, and lines kept as written (TSDoc paragraphs). */
const prose = (text) => text.replace(/\{@link\s+([^}\s]+)\s*\}/g, "`$1`");
const cell = (text) => prose(text).replace(/\n+/g, " ").replaceAll("|", "\\|");

function members(type, checker, node) {
  return checker
    .getPropertiesOfType(type)
    .filter((member) => !member.name.startsWith("_"))
    .map((member) => {
      const memberType = checker.getTypeOfSymbolAtLocation(member, node);
      const optional = (member.flags & ts.SymbolFlags.Optional) !== 0;
      return { name: member.name + (optional ? "?" : ""), type: checker.typeToString(memberType, node, FORMAT), ...docOf(member, checker), memberType };
    });
}

function section(name, symbol, checker, out) {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return;
  const { text, examples } = docOf(symbol, checker);
  out.push(`### \`${name}\``, "");
  const type = checker.getTypeAtLocation(declaration);
  if (ts.isInterfaceDeclaration(declaration)) {
    if (text) out.push(prose(text), "");
    const list = members(checker.getDeclaredTypeOfSymbol(symbol), checker, declaration);
    if (list.length) out.push("| member | type | |", "| --- | --- | --- |", ...list.map((m) => `| \`${m.name}\` | \`${cell(m.type)}\` | ${cell(m.text)} |`), "");
  } else if (ts.isTypeAliasDeclaration(declaration)) {
    out.push(
      "```ts",
      `type ${name}${declaration.typeParameters ? `<${declaration.typeParameters.map((p) => p.getText()).join(", ")}>` : ""} = ${declaration.type.getText()};`,
      "```",
      "",
    );
    if (text) out.push(prose(text), "");
  } else {
    const signatures = type.getCallSignatures();
    // The instance's type is listed member by member below: name it here.
    const signatureText = (s) =>
      name === "createNudge"
        ? `(${s.parameters.map((p) => `${p.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, declaration))}`).join(", ")}) => Nudge`
        : checker.signatureToString(s, declaration, FORMAT);
    const shown = signatures.length ? signatures.map((s) => `${name}${signatureText(s)}`) : [`const ${name}: ${checker.typeToString(type, declaration, FORMAT)}`];
    out.push("```ts", ...shown.map((s) => (s.startsWith("const") ? s : `function ${s.replace(/\) => /, "): ")}`)), "```", "");
    if (text) out.push(prose(text), "");
  }
  out.push(...examples.flatMap((example) => [example, ""]));
}

/** The instance: each method of what `createNudge` returns, with its TSDoc. */
function instanceSection(symbol, checker, out) {
  const declaration = symbol.declarations[0];
  const [signature] = checker.getTypeAtLocation(declaration).getCallSignatures();
  const instance = signature.getReturnType();
  out.push(
    "### The instance (`Nudge`)",
    "",
    "What `createNudge()` returns (and `window.nudge` is, for the script tag). No method throws: a wrong argument is one console warning naming it, and the call is dropped.",
    "",
  );
  out.push("| member | signature | |", "| --- | --- | --- |");
  for (const member of members(instance, checker, declaration)) {
    if (member.name === "cart") {
      for (const inner of members(member.memberType, checker, declaration)) out.push(`| \`cart.${inner.name}\` | \`${cell(inner.type)}\` | ${cell(inner.text)} |`);
    } else out.push(`| \`${member.name}\` | \`${cell(member.type)}\` | ${cell(member.text)} |`);
  }
  out.push("");
}

/** The whole reference, as Markdown. */
export function apiReference(root) {
  const program = ts.createProgram(
    ENTRIES.map(([, file]) => `${root}/${file}`),
    {
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      jsx: ts.JsxEmit.ReactJSX,
      jsxImportSource: "preact",
      strict: true,
      skipLibCheck: true,
      types: [],
    },
  );
  const checker = program.getTypeChecker();
  const out = ["# API reference", "", "<!-- Generated by `npm run docs` from the TSDoc of the package's entry points. Do not edit: a test fails when it is stale. -->", ""];
  out.push("For the tasks these serve, read [the developer's guide](developer.md). Functions and values come first, then types, in alphabetical order.", "");
  for (const [entry, file] of ENTRIES) {
    const source = program.getSourceFile(`${root}/${file}`);
    const module = checker.getSymbolAtLocation(source);
    out.push(`## \`${entry}\``, "");
    const resolve = (exported) => (exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported);
    const isValue = (exported) => (resolve(exported).flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable | ts.SymbolFlags.Class)) !== 0;
    const exports = checker.getExportsOfModule(module).sort((a, b) => Number(isValue(b)) - Number(isValue(a)) || a.name.localeCompare(b.name));
    for (const exported of exports) {
      const symbol = resolve(exported);
      const name = exported.name === "default" ? `default (${file.split("/").slice(-2, -1)[0]})` : exported.name;
      if (name === "createNudge") {
        section(name, symbol, checker, out);
        instanceSection(symbol, checker, out);
      } else if (name !== "Nudge") section(name, symbol, checker, out);
    }
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
