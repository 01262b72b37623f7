// The rules editor: a plain textarea with line numbers, and the problems list under it. Every
// problem names its JSON path (as `nudge validate` does) and the line it is on; the lines with a
// problem are marked in the gutter, and clicking a problem selects its line.
import { lineOf, pathLines, syntaxError } from "./json-lines.js";

export function createEditor({ textarea, gutter, list, count, onChange, delay = 350 }) {
  let timer;
  let marked = new Map();

  function drawGutter() {
    const total = textarea.value.split("\n").length;
    const rows = [];
    for (let n = 1; n <= total; n++) {
      const why = marked.get(n);
      rows.push(`<div${why ? ` class="bad" title="${escapeHtml(why)}"` : ""}>${n}</div>`);
    }
    gutter.innerHTML = rows.join("");
    gutter.scrollTop = textarea.scrollTop;
  }

  function selectLine(line) {
    const lines = textarea.value.split("\n");
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    textarea.focus();
    textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const height = textarea.scrollHeight / Math.max(1, lines.length);
    textarea.scrollTop = Math.max(0, (line - 4) * height);
  }

  /** Shows problems: `[{ path, message, line? }]`; an empty list says so. */
  function show(problems, note) {
    marked = new Map();
    list.replaceChildren();
    count.textContent = String(problems.length);
    count.dataset.count = String(problems.length);
    if (!problems.length) {
      const li = document.createElement("li");
      li.className = "ok";
      li.textContent = note ?? "No problems.";
      list.append(li);
    }
    for (const problem of problems) {
      const li = document.createElement("li");
      li.className = "problem";
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
      marked.set(problem.line, `${problem.path}: ${problem.message}`);
    }
    drawGutter();
  }

  /** Problems Nudge reported (`path: message`), placed on their lines in the current text. */
  function showRulesProblems(problems) {
    let lines;
    try {
      lines = pathLines(textarea.value);
    } catch {
      lines = new Map();
    }
    show(problems.map(({ path, message }) => ({ path, message, line: lineOf(lines, path, message) })));
  }

  function check() {
    const error = syntaxError(textarea.value);
    if (error) {
      show([{ path: `line ${error.line}, column ${error.column}`, message: `not valid JSON: ${error.message}`, line: error.line }]);
      return;
    }
    show([], "Checking…");
    onChange(textarea.value);
  }

  textarea.addEventListener("input", () => {
    drawGutter();
    clearTimeout(timer);
    timer = setTimeout(check, delay);
  });
  textarea.addEventListener("scroll", () => (gutter.scrollTop = textarea.scrollTop));
  // Tab indents instead of leaving the editor; Esc then Tab still moves focus on (keyboard users).
  let escaped = false;
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Escape") escaped = true;
    else if (event.key === "Tab" && !event.shiftKey && !escaped) {
      event.preventDefault();
      textarea.setRangeText("  ", textarea.selectionStart, textarea.selectionEnd, "end");
      textarea.dispatchEvent(new Event("input"));
    } else escaped = false;
  });

  return {
    get text() {
      return textarea.value;
    },
    /** Replaces the text (import, recipe) and checks it at once. */
    set(text) {
      textarea.value = text;
      drawGutter();
      check();
    },
    show,
    showRulesProblems,
  };
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}
