// Progressive enhancement only: every page reads fine without this file.
// Buttons with data-copy="text" copy that text (or the page URL when empty) to the clipboard.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const text = button.dataset.copy || window.location.href.split("#")[0].split("?")[0];
  try {
    await navigator.clipboard.writeText(text);
    button.dataset.done = "true";
    button.setAttribute("aria-label", button.dataset.copied || "Copied");
    const status = document.getElementById("copy-status");
    if (status) status.textContent = button.dataset.copied || "Copied";
  } catch (error) {
    window.prompt("Copy:", text);
  }
});
document.querySelectorAll("[data-copy]").forEach((button) => { button.hidden = false; });

// Switching language keeps the reader's place on the page: the address's #anchor goes along.
document.addEventListener("click", (event) => {
  const link = event.target.closest("header.site .langs a");
  if (link && window.location.hash) link.hash = window.location.hash;
});
