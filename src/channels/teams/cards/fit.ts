/**
 * Teams refuses messages over about 28 KB. A card of sections (picks, table rows) is cut to fit a
 * budget below that, with a line saying how many were left out and where to see them.
 */
import { type AdaptiveCard, adaptiveCard, type CardElement, textBlock } from "./elements.js";

export const MAX_CARD_BYTES = 24_000;

export interface FitInput {
  head: CardElement[];
  sections: CardElement[];
  tail: CardElement[];
  /** The line shown when `n` sections were left out. */
  leftOut: (n: number) => string;
  fallbackText: string;
}

export function fitCard(input: FitInput, maxBytes = MAX_CARD_BYTES): AdaptiveCard {
  let kept = input.sections.length;
  for (;;) {
    const omitted = input.sections.length - kept;
    const body = [
      ...input.head,
      ...input.sections.slice(0, kept),
      ...(omitted > 0 ? [textBlock(input.leftOut(omitted), { isSubtle: true, separator: true })] : []),
      ...input.tail,
    ];
    const card = adaptiveCard(body, { fallbackText: input.fallbackText });
    if (kept === 0 || Buffer.byteLength(JSON.stringify(card)) <= maxBytes) return card;
    kept -= 1;
  }
}
