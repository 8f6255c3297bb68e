/*
 * Runs in the page (browser JavaScript, loaded after Microsoft's `adaptivecards` renderer):
 * renders a card at a width, and measures its text blocks. See adaptive-card-page.ts.
 */

/** Teams reads TextBlock markdown; here the part our cards use: backslash escapes and **bold**. */
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  const html = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\*\*(.+?)\*\*/g, "<b>$1</b>")
    .replace(/\\(.)/g, "$1");
  result.outputHtml = `<p style="margin:0">${html}</p>`;
  result.didProcess = true;
};

/** A host config close to Teams': its font sizes and spacing, Segoe UI when the machine has it. */
const teamsHost = new AdaptiveCards.HostConfig({
  fontFamily: "'Segoe UI', system-ui, sans-serif",
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 20, padding: 16 },
});

globalThis.rbRender = (card, width) => {
  const ac = new AdaptiveCards.AdaptiveCard();
  ac.hostConfig = teamsHost;
  ac.parse(card);
  const frame = document.createElement("div");
  frame.className = "frame";
  frame.id = "card-frame";
  frame.style.width = `${width}px`;
  frame.appendChild(ac.render());
  document.getElementById("cards").replaceChildren(frame);
  return frame.id;
};

/** Text blocks that overflow, or hold a word wider than themselves (it would break mid-word). */
globalThis.rbTextProblems = (frameId, selector) => {
  const frame = document.getElementById(frameId);
  if (!frame) return [{ text: "", problem: "no frame" }];
  const out = [];
  const probe = document.createElement("span");
  probe.style.whiteSpace = "nowrap";
  probe.style.position = "absolute";
  probe.style.visibility = "hidden";
  document.body.appendChild(probe);
  for (const block of Array.from(frame.querySelectorAll(selector))) {
    const text = block.innerText.trim();
    const style = getComputedStyle(block);
    probe.style.font = style.font;
    const width = block.clientWidth;
    if (block.scrollWidth > width + 1)
      out.push({ text, problem: `overflows: ${block.scrollWidth} > ${width} px` });
    for (const word of text.split(/\s+/)) {
      probe.textContent = word;
      const wordWidth = probe.getBoundingClientRect().width;
      if (wordWidth > width + 0.5) {
        out.push({
          text,
          problem: `"${word}" is ${Math.ceil(wordWidth)} px in a ${width} px block: it breaks mid-word`,
        });
      }
    }
  }
  probe.remove();
  return out;
};
