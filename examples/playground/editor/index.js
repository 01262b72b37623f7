// The playground's rules editor: CodeMirror 6 with JSON, autocomplete from the rules' JSON Schema
// and the facts catalog, hover docs, and every problem Nudge's own validator finds, inline and
// listed under the editor. Bundled on its own (examples/playground/dist/editor.js) and loaded only
// by the playground page: nothing here reaches the runtime or the loader.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { bracketMatching, defaultHighlightStyle, foldGutter, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers } from "@codemirror/view";
import * as reference from "../../../scripts/docs/rules-text.mjs";
import * as catalog from "../../../src/rules/facts-catalog.ts";
import { jsonSyntaxProblem } from "../../../src/rules/json-syntax.ts";
import { validateRules } from "../../../src/rules/validate.ts";
import { lineOf, pathLines, syntaxError } from "../json-lines.js";
import { contextAt, hoverAt, pathText } from "./json-tree.js";
import { createRulesHelp } from "./rules-help.js";

/**
 * Creates the editor in `parent`, the problems in `list` and their number in `count`.
 * `onChange(text, usable)` runs once typing pauses: `usable` is false when Nudge could not use
 * the file at all (not JSON, or a broken envelope), and the preview must then show nothing.
 */
export function createEditor({ parent, list, count, schema, onChange, delay = 350, label = "Rules file (JSON)" }) {
  const help = createRulesHelp({ schema, reference, catalog });
  let timer;

  const complete = (context) => {
    const where = contextAt(context.state, context.pos);
    if (!where) return null;
    if (!context.explicit && where.from === where.to && !/[{,:[]\s*$/.test(context.state.sliceDoc(Math.max(0, context.pos - 3), context.pos))) return null;
    const options =
      where.kind === "key"
        ? help.keys(context.state, where.steps, where.object).map((o) => ({ ...o, apply: replaceToken(`"${o.apply ?? o.label}"`, true) }))
        : help.values(context.state, where.steps).map((o) => ({ ...o, apply: replaceToken(o.raw ? o.label : JSON.stringify(o.label), false) }));
    if (!options.length) return null;
    // What is typed is matched without its quotes: `"page.ty` offers `page.type`.
    const from = where.quoted ? where.from + 1 : where.from;
    return { from, to: Math.max(from, context.pos), options, validFor: /^[\w$.-]*$/ };
  };

  /** A completion that replaces the whole token being typed, quotes included (and adds `: ` after a new key). */
  const replaceToken = (insert, isKey) => (view, _completion, from, to) => {
    const doc = view.state.doc;
    const start = doc.sliceString(from - 1, from) === '"' ? from - 1 : from;
    const end = doc.sliceString(to, to + 1) === '"' ? to + 1 : to;
    const text = isKey && !/^\s*:/.test(doc.sliceString(end, end + 20)) ? `${insert}: ` : insert;
    view.dispatch({ changes: { from: start, to: end, insert: text }, selection: { anchor: start + text.length }, userEvent: "input.complete" });
  };

  const hover = hoverTooltip((view, pos, side) => {
    const at = hoverAt(view.state, pos, side);
    if (!at) return null;
    const about = help.describe(view.state, at.steps, at.on, at.value);
    if (!about) return null;
    return {
      pos: at.from,
      end: at.to,
      above: true,
      create() {
        const dom = document.createElement("div");
        dom.className = "cm-doc";
        const title = document.createElement("strong");
        title.textContent = about.title;
        const path = document.createElement("code");
        path.textContent = pathText(at.steps);
        const text = document.createElement("p");
        text.textContent = about.text;
        dom.append(title, path, text);
        return { dom };
      },
    };
  });

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: "",
      extensions: [
        lineNumbers(),
        foldGutter(),
        lintGutter(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        json(),
        // Long texts wrap: no line is ever cut off at the pane's edge.
        EditorView.lineWrapping,
        autocompletion({ override: [complete], activateOnTyping: true, icons: false }),
        hover,
        // Tab indents; Esc then Tab (or Ctrl-M) leaves the editor for keyboard users (CodeMirror's tab focus mode).
        keymap.of([...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": "problems-title" }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          clearTimeout(timer);
          timer = setTimeout(check, delay);
        }),
      ],
    }),
  });

  const text = () => view.state.doc.toString();

  function selectLine(line) {
    const at = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
    const start = at.from + /^\s*/.exec(at.text)[0].length;
    view.dispatch({ selection: { anchor: start, head: at.to }, scrollIntoView: true });
    view.focus();
  }

  /** Shows problems: `[{ path, message, line, level? }]`, inline and in the list; an empty list says so. */
  function show(problems, note) {
    list.replaceChildren();
    count.textContent = String(problems.length);
    count.dataset.count = String(problems.length);
    if (!problems.length) {
      const li = document.createElement("li");
      li.className = "ok";
      li.textContent = note ?? "No problems.";
      list.append(li);
    }
    const diagnostics = [];
    for (const problem of problems) {
      const li = document.createElement("li");
      li.className = `problem ${problem.level === "warning" ? "warning" : "error"}`;
      const button = document.createElement("button");
      button.type = "button";
      const where = document.createElement("code");
      where.textContent = problem.path;
      const line = document.createElement("span");
      line.className = "line";
      line.textContent = `line ${problem.line}`;
      button.append(where, ` ${problem.message} `, line);
      button.addEventListener("click", () => selectLine(problem.line));
      li.append(button);
      list.append(li);
      const at = view.state.doc.line(Math.min(Math.max(1, problem.line), view.state.doc.lines));
      const from = problem.column ? Math.min(at.to, at.from + problem.column - 1) : at.from + /^\s*/.exec(at.text)[0].length;
      diagnostics.push({ from, to: Math.max(from, at.to), severity: problem.level === "warning" ? "warning" : "error", message: `${problem.path}: ${problem.message}` });
    }
    view.dispatch(setDiagnostics(view.state, diagnostics));
  }

  /** Validates the text as Nudge would; returns whether Nudge could use it at all. */
  function check() {
    const source = text();
    const error = syntaxError(source);
    if (error) {
      // The validator's own words for it (what is wrong, where), as `nudge validate` says it.
      const found = jsonSyntaxProblem(source) ?? { line: error.line, column: error.column, reason: error.message };
      show([{ path: `line ${found.line}, column ${found.column}`, message: `not valid JSON: ${found.reason}`, line: found.line, column: found.column }]);
      onChange(source, false);
      return false;
    }
    const { rules, problems } = validateRules(JSON.parse(source), source.length);
    const lines = pathLines(source);
    show(
      problems.map((p) => ({ path: p.path, message: p.message, level: p.level ?? p.severity, line: lineOf(lines, p.path, p.message) })),
      rules ? undefined : "The file cannot be used.",
    );
    onChange(source, !!rules);
    return !!rules;
  }

  return {
    view,
    get text() {
      return text();
    },
    /** Replaces the whole text (import, recipe, first load) and checks it at once. */
    set(value) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
      clearTimeout(timer);
      return check();
    },
    show,
  };
}

// The playground's explain list sorts widgets the way the debug panel does, and forces a variant as `nudge simulate` does.
export { STATE_WORDS, widgetStatus } from "../../../src/debug/widget-status.ts";
export { forceableVariants, forceVariant, HOLDOUT } from "../../../src/cli/force-variant.ts";
