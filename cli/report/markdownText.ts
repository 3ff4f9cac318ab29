// Escaping for Markdown that GitHub renders: the plan's and the audit's reports use the same rules,
// since both show names anyone could have chosen.

/** Text on a Markdown line (a heading, a list item) without the markup a message could smuggle in. */
export function escape(text: string): string {
    return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** Text for a table cell: no HTML, no Markdown emphasis or links, no pipes, no line breaks. */
export function cell(text: string): string {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/[\\`*_[\]~|]/g, (c) => `\\${c}`)
        .replace(/\r?\n/g, "<br>");
}

/** An inline code span that survives backticks in the text. */
export function code(text: string): string {
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = "`".repeat(longest + 1);
    const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return `${fence}${pad}${text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")}${pad}${fence}`;
}
