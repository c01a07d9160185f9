// The two-author map: the server draws it (rows and connectors), so it reads without this
// file. Here: keep the connectors on their rows when the reader opens or closes a tree's
// branches, and turn the server's SVG drawing into a PNG download.
(() => {
  "use strict";
  const lane = document.querySelector(".map-lane-svg");
  const LABEL_HEIGHT = 20;
  const LABEL_GAP = 4;

  // The row a claim is drawn in now: its own, or the nearest open ancestor's when a closed
  // branch hides it.
  function visibleRow(claimId) {
    let row = document.getElementById(`row-${claimId}`);
    let closed = row && row.closest("details:not([open])");
    while (row && closed) {
      row = closed.parentElement.querySelector(":scope > .map-row");
      closed = row && row.closest("details:not([open])");
    }
    return row;
  }

  function curve(width, yLeft, yRight, labelY) {
    const mid = width / 2;
    const q = width / 4;
    return `M0 ${yLeft} C${q} ${yLeft} ${q} ${labelY} ${mid} ${labelY} `
      + `C${mid + q} ${labelY} ${mid + q} ${yRight} ${width} ${yRight}`;
  }

  function redraw() {
    if (!lane) return;
    const top = lane.getBoundingClientRect().top;
    const width = Number(lane.getAttribute("width"));
    const connectors = [...lane.querySelectorAll(".connector")].map((link) => {
      const centre = (id) => {
        const row = visibleRow(id);
        const box = row.getBoundingClientRect();
        return Math.round(box.top - top + box.height / 2);
      };
      const yLeft = centre(link.dataset.left);
      const yRight = centre(link.dataset.right);
      return { link, yLeft, yRight, wanted: Math.round((yLeft + yRight) / 2) };
    });
    let floor = LABEL_HEIGHT / 2;
    [...connectors].sort((a, b) => a.wanted - b.wanted).forEach((c) => {
      c.labelY = Math.max(c.wanted, floor);
      floor = c.labelY + LABEL_HEIGHT + LABEL_GAP;
    });
    let height = 0;
    document.querySelectorAll(".map-col .map-tree").forEach((tree) => {
      height = Math.max(height, tree.getBoundingClientRect().bottom - top);
    });
    height = Math.max(height, floor);
    connectors.forEach(({ link, yLeft, yRight, labelY }) => {
      link.querySelector("path").setAttribute("d", curve(width, yLeft, yRight, labelY));
      link.querySelector("rect").setAttribute("y", String(labelY - LABEL_HEIGHT / 2));
      link.querySelector("text").setAttribute("y", String(labelY + 4));
    });
    lane.setAttribute("height", String(Math.ceil(height)));
    lane.setAttribute("viewBox", `0 0 ${width} ${Math.ceil(height)}`);
    document.documentElement.dataset.mapDrawn = String(Number(document.documentElement.dataset.mapDrawn || 0) + 1);
  }

  document.querySelectorAll(".map-tree details").forEach((details) => {
    details.addEventListener("toggle", redraw);
  });
  window.addEventListener("resize", redraw);
  redraw();
  performance.mark("argmap-map-drawn"); // when the map is drawn (bench/browser.py reads it)

  // PNG: the server's SVG of this view, drawn at twice its size on a canvas.
  const button = document.getElementById("map-png");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const image = new Image();
    image.addEventListener("load", () => {
      const canvas = document.createElement("canvas");
      canvas.width = image.naturalWidth * 2;
      canvas.height = image.naturalHeight * 2;
      const context = canvas.getContext("2d");
      context.scale(2, 2);
      context.drawImage(image, 0, 0);
      canvas.toBlob((blob) => {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = button.dataset.name;
        document.body.append(link);
        link.click();
        link.remove();
        window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      }, "image/png");
    });
    image.src = button.dataset.svg;
  });
})();
