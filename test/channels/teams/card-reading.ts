/** Reading an Adaptive Card as a Teams user does: its texts, and its buttons with their data. */
import type { CardElement } from "../../../src/channels/teams/cards/elements.js";

/** The texts of a card's TextBlocks (markdown escapes read), one a line; fallbacks left out. */
export function readShownText(card: unknown): string {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const o = node as CardElement;
      if (o.type === "TextBlock") out.push(String(o.text).replace(/\\(.)/g, "$1"));
      for (const [k, v] of Object.entries(o)) if (k !== "fallback" && k !== "refresh") visit(v);
    }
  };
  visit(card);
  return out.join("\n");
}

/** The card's Action.Execute buttons (its refresh left out). */
export function readButtons(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const out: { title: string; data: Record<string, unknown> }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const o = node as CardElement;
      if (o.type === "Action.Execute")
        out.push({ title: String(o.title), data: o.data as Record<string, unknown> });
      for (const [k, v] of Object.entries(o)) if (k !== "fallback" && k !== "refresh") visit(v);
    }
  };
  visit(card);
  return out;
}
