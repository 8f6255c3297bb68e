/**
 * Adaptive Card building blocks. Every card we send declares version 1.5, the highest Teams
 * renders, and uses only what the 1.5 schema allows (the tests validate each one against it).
 */

/** One body element or action of an Adaptive Card (plain JSON). */
export type CardElement = { type: string } & Record<string, unknown>;

export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  body: CardElement[];
  actions?: CardElement[];
  fallbackText?: string;
  /** Teams runs this Action.Execute when one of `userIds` views the card, and shows the answer. */
  refresh?: { action: CardElement; userIds: string[] };
}

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

export function adaptiveCard(body: CardElement[], options: { fallbackText?: string } = {}): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    ...(options.fallbackText ? { fallbackText: options.fallbackText } : {}),
  };
}

/** A card as a Bot Framework message attachment. */
export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card };
}

export interface TextOptions {
  weight?: "Bolder";
  size?: "Small" | "Medium" | "Large";
  color?: "Attention" | "Good" | "Warning" | "Accent";
  isSubtle?: boolean;
  spacing?: "None" | "Small" | "Medium";
  separator?: boolean;
}

export function textBlock(text: string, options: TextOptions = {}): CardElement {
  return { type: "TextBlock", text, wrap: true, ...options };
}

export function container(
  items: CardElement[],
  options: { separator?: boolean; spacing?: "Medium" } = {},
): CardElement {
  return { type: "Container", items, ...options };
}

export function actionSet(actions: CardElement[]): CardElement {
  return { type: "ActionSet", actions };
}

/** Cuts `text` to `max` characters with an ellipsis (notes and reasons can be long). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
