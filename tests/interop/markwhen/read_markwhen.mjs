// Prints as JSON what Markwhen's own parser (@markwhen/parser) reads in a .mw
// file: the header, and every event with its id, date range, text and tags,
// in file order, with the titles of the groups it sits in.
// Usage: node read_markwhen.mjs FILE   (TZ=UTC keeps the ranges in UTC)
import { readFileSync } from "node:fs";
import { parse } from "@markwhen/parser";

const text = readFileSync(process.argv[2], "utf8");
let parsed;
try {
    parsed = parse(text);
} catch (error) {
    // A stack overflow on a big file is a result to report, not a crash.
    process.stdout.write(JSON.stringify({ error: String(error) }));
    process.exit(0);
}

const events = [];
function walk(node, groups) {
    for (const child of node.children) {
        if (child.children) {
            walk(child, [...groups, child.title]);
            continue;
        }
        events.push({
            id: child.id ?? null,
            from: child.dateRangeIso.fromDateTimeIso,
            to: child.dateRangeIso.toDateTimeIso,
            relative: Boolean(child.isRelative),
            title: child.firstLine.restTrimmed.trim(),
            lines: child.supplemental.map((block) =>
                block.type === "paragraphBreak"
                    ? ""
                    : block.type === "listItem"
                      ? `- ${block.raw}`
                      : block.type === "image"
                        ? `![${block.altText}](${block.link})`
                        : block.raw,
            ),
            tags: child.tags,
            properties: child.properties,
            groups,
        });
    }
}
walk(parsed.events, []);
process.stdout.write(
    JSON.stringify({
        header: parsed.header,
        events,
        messages: parsed.parseMessages.map((message) => message.message),
    }),
);
