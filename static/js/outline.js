// Long pages made of <details> (a paper's outline, the comparison): "Expand all" and
// "Collapse all", remembered in the address's fragment (#expanded, #collapsed) so that a
// shared link opens the same way; a fragment naming something inside a closed branch opens
// the branches around it. Without this file every branch still opens and closes by hand.
(() => {
  "use strict";
  const area = document.querySelector("[data-outline-area]");
  const controls = document.querySelector(".outline-controls");
  if (!area || !controls) return;
  const STATES = ["expanded", "collapsed"];

  function apply(state) {
    area.querySelectorAll("details").forEach((details) => { details.open = state === "expanded"; });
  }

  function openTo(id) {
    const target = id && document.getElementById(id);
    if (!target) return;
    const own = target.querySelector(":scope > details");
    if (own) own.open = true;
    for (let details = target.closest("details"); details; details = details.parentElement.closest("details")) {
      details.open = true;
    }
    target.scrollIntoView();
  }

  function fromFragment() {
    const fragment = decodeURIComponent(window.location.hash.slice(1));
    if (STATES.includes(fragment)) apply(fragment);
    else openTo(fragment);
  }

  controls.hidden = false;
  controls.querySelectorAll("button[data-outline]").forEach((button) => {
    button.addEventListener("click", () => {
      apply(button.dataset.outline);
      window.history.replaceState(null, "", `#${button.dataset.outline}`);
    });
  });
  window.addEventListener("hashchange", fromFragment);
  fromFragment();
})();
