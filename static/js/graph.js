// The graph explorer: draws the view embedded in the page (#graph-data) with Cytoscape.js,
// and loads other views from the server (the page's own HTML: lists, notices and data in one
// answer), keeping the address in step so that it can be shared. Without this file the page
// still shows the same view as lists, and its form still works.
(() => {
  "use strict";
  const dataBlock = document.getElementById("graph-data");
  const canvas = document.getElementById("graph-canvas");
  if (!dataBlock || !canvas || typeof window.cytoscape !== "function") return;

  const zh = document.documentElement.lang.startsWith("zh");
  // Legibility: a label is never drawn smaller than this on screen (font size × zoom); where a
  // view cannot both fit and stay legible, it opens at this size and the reader pans.
  const MIN_LABEL_PX = 10;
  const MAX_START_ZOOM = 1.6;
  const CONCEPT_COLOUR = "#f3e3a1";
  const SIZES = { paper: 58, section: 40, concept: 30, claim: 22, reference: 14 };
  const LAYER_STYLES = {
    structure: { color: "#aaaaaa", width: 1, style: "solid", arrow: "none" },
    argument: { color: "#444444", width: 1.6, style: "solid", arrow: "triangle" },
    causal: { color: "#2463c9", width: 2.2, style: "dashed", arrow: "triangle" },
    "cross-paper": { color: "#7b3fa0", width: 3.5, style: "dashed", arrow: "none" },
    mentions: { color: "#888888", width: 1.2, style: "dotted", arrow: "none" },
    cites: { color: "#9a6a3a", width: 1.2, style: "dashed", arrow: "triangle" },
  };
  const HIGHLIGHT = "#f5a623";

  let page = JSON.parse(dataBlock.textContent);
  // Layers follow the context (overview or focus) until the reader picks them.
  // So does the layout.
  let layersChosen = new URLSearchParams(window.location.search).has("layers");
  let layoutChosen = new URLSearchParams(window.location.search).has("layout");
  const form = document.getElementById("graph-controls");
  const panel = document.getElementById("graph-panel");
  const panelBody = document.getElementById("graph-panel-body");
  const panelTitle = document.getElementById("graph-panel-title");
  const status = document.getElementById("copy-status");
  const focusInput = document.getElementById("graph-focus");

  function paperStyles(papers) {
    return papers.flatMap((paper) => [{
      selector: `node[paper = "${paper.id}"]`,
      style: { "background-color": paper.colour, shape: paper.shape },
    }]);
  }

  function layerStyles() {
    return Object.entries(LAYER_STYLES).map(([layer, s]) => ({
      selector: `edge[layer = "${layer}"]`,
      style: { "line-color": s.color, "target-arrow-color": s.color, width: s.width, "line-style": s.style,
               "target-arrow-shape": s.arrow },
    }));
  }

  const style = [
    { selector: "node", style: {
      label: "data(display)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 140, "text-valign": "bottom",
      "text-margin-y": 3, "min-zoomed-font-size": MIN_LABEL_PX, color: "#222", "border-width": 1, "border-color": "#333",
      "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": 1,
    } },
    ...Object.entries(SIZES).map(([type, size]) => ({ selector: `node[type = "${type}"]`,
                                                      style: { width: size, height: size } })),
    { selector: 'node[type = "paper"]', style: { "font-size": 14, "font-weight": "bold", "border-width": 3 } },
    { selector: 'node[type = "section"]', style: { "font-size": 12, "border-width": 2, "border-style": "double" } },
    { selector: 'node[type = "concept"]', style: { shape: "round-rectangle", "background-color": CONCEPT_COLOUR,
                                                   width: 46, height: 24, "font-size": 12 } },
    { selector: 'node[type = "reference"]', style: { "border-style": "dashed" } },
    { selector: 'node[kind = "thesis"]', style: { "border-width": 4, width: 30, height: 30 } },
    ...paperStyles(page.papers),
    { selector: "edge", style: { "curve-style": "bezier", "arrow-scale": 0.8, opacity: 0.85 } },
    ...layerStyles(),
    { selector: "node.focus", style: { "border-width": 6, "border-color": "#000", "font-weight": "bold",
                                        "font-size": 13 } },
    { selector: "node.in-path", style: { "underlay-color": HIGHLIGHT, "underlay-opacity": 0.75,
                                          "underlay-padding": 7, "font-weight": "bold" } },
    { selector: "edge.in-path", style: { "line-color": HIGHLIGHT, "target-arrow-color": HIGHLIGHT, width: 6,
                                          opacity: 1, "z-index": 10 } },
    { selector: "node:selected", style: { "overlay-color": "#0b5cad", "overlay-opacity": 0.25,
                                          "overlay-padding": 6 } },
    { selector: "edge:selected", style: { "overlay-color": "#0b5cad", "overlay-opacity": 0.2 } },
  ];

  function elements(data) {
    const nodes = data.nodes.map((n) => ({
      data: { ...n.data, display: zh ? n.data.label_zh : n.data.label },
      classes: [n.data.focus ? "focus" : "", n.data.path_index !== null ? "in-path" : ""].join(" ").trim(),
    }));
    const edges = data.edges.map((e) => ({ data: e.data, classes: e.data.in_path ? "in-path" : "" }));
    return [...nodes, ...edges];
  }

  // Which drawing suits the view: the layers' own shapes unless the reader chose a layout.
  //   argument (and the overview): a top-down tree, the papers or the theses at the top;
  //   causal alone: a left-to-right flow; around a focus: rings of distance.
  function layoutOptions(name) {
    const focus = page.view.focus;
    const common = { animate: false, fit: false, padding: 30, nodeDimensionsIncludeLabels: true };
    const layers = page.view.layers;
    if (name === "dagre" && layers.length === 1 && layers[0] === "causal") {
      return { ...common, name, rankDir: "LR", nodeSep: 12, rankSep: 50 };
    }
    if (name === "dagre" || name === "breadthfirst") {
      let roots = focus ? cy.getElementById(focus) : cy.nodes('[type = "paper"]');
      // Without papers, each argument tree's top: a claim that supports nothing shown (the theses).
      if (!focus && roots.empty()) roots = cy.nodes('[type = "claim"]').filter((n) => n.outgoers('edge[layer = "argument"]').empty());
      if (roots.empty()) roots = undefined;
      return { ...common, name: "breadthfirst", directed: false, spacingFactor: 1.05, avoidOverlap: true, roots,
               grid: false };
    }
    if (name === "cose") return { ...common, name, nodeRepulsion: () => 9000, idealEdgeLength: () => 70,
                                  randomize: false, numIter: 1500 };
    return { ...common, name: "concentric", minNodeSpacing: 14, avoidOverlap: true,
             concentric: (n) => (n.data("distance") === null ? 0 : 10 - n.data("distance")),
             levelWidth: () => 1 };
  }

  // The label (and node) boxes in model coordinates, pushed apart until none overlap.
  // keepRows: the nodes stand in rows of levels (levelRows), so overlaps are pushed apart only
  // sideways, and a node never leaves its level for one above or below it.
  function separate(keepRows = false) {
    const nodes = cy.nodes();
    const boxes = nodes.map((n) => {
      const bb = n.boundingBox({ includeLabels: true, includeOverlays: false });
      const p = n.position();
      return { node: n, x: p.x, y: p.y, dx1: bb.x1 - p.x, dx2: bb.x2 - p.x, dy1: bb.y1 - p.y, dy2: bb.y2 - p.y };
    });
    const GAP = 4;
    const overlap = (a, b) => [
      Math.min(a.x + a.dx2, b.x + b.dx2) - Math.max(a.x + a.dx1, b.x + b.dx1) + GAP,
      Math.min(a.y + a.dy2, b.y + b.dy2) - Math.max(a.y + a.dy1, b.y + b.dy1) + GAP,
    ];
    // First a few rounds pushing each overlapping pair apart along its shorter overlap …
    for (let round = 0; round < 30; round += 1) {
      let moved = false;
      for (let i = 0; i < boxes.length; i += 1) {
        for (let j = i + 1; j < boxes.length; j += 1) {
          const a = boxes[i];
          const b = boxes[j];
          const [ox, oy] = overlap(a, b);
          if (ox <= 0 || oy <= 0) continue;
          moved = true;
          const sideways = keepRows || ox < oy;
          const sign = sideways ? (a.x <= b.x ? 1 : -1) : (a.y <= b.y ? 1 : -1);
          const axis = sideways ? "x" : "y";
          const shift = (sideways ? ox : oy) / 2 + 0.5;
          a[axis] -= sign * shift;
          b[axis] += sign * shift;
        }
      }
      if (!moved) break;
    }
    // … then, top to bottom, anything still overlapping what is above it moves down below it:
    // nothing above moves again, so no two boxes overlap at the end.
    boxes.sort((a, b) => (a.y + a.dy1) - (b.y + b.dy1));
    for (let i = 1; i < boxes.length; i += 1) {
      const b = boxes[i];
      for (let clear = false; !clear;) {  // b only moves down, so this ends below them all at worst
        clear = true;
        for (let j = 0; j < i; j += 1) {
          const [ox, oy] = overlap(boxes[j], b);
          if (ox > 0.5 && oy > 0.5) {  // (a rounding error's worth of overlap is none)
            b.y += oy + 0.5;
            clear = false;
          }
        }
      }
    }
    cy.batch(() => boxes.forEach((b) => b.node.position({ x: b.x, y: b.y })));
  }

  // A highlighted path: its steps in one straight line above the rest of the view.
  function straightenPath() {
    const steps = page.view.path.map((id) => cy.getElementById(id)).filter((n) => n.nonempty());
    if (steps.length < 2) return;
    const others = cy.nodes().difference(cy.collection(steps));
    const top = others.nonempty() ? others.boundingBox({ includeLabels: true }).y1 - 90 : 0;
    let x = 0;
    steps.forEach((node) => {
      const width = node.boundingBox({ includeLabels: true }).w;
      node.position({ x: x + width / 2, y: top });
      x += width + 40;
    });
  }

  // Fit the view, but never below a legible label size: then open at that size on the view's
  // anchor (the focus, the path's start or the top of the tree) and let the reader pan.
  function fitLegibly() {
    cy.fit(undefined, 30);
    const legible = MIN_LABEL_PX / smallestFont();
    if (cy.zoom() > MAX_START_ZOOM) {
      cy.zoom(MAX_START_ZOOM);
      cy.center();
    }
    if (cy.zoom() >= legible) return;
    cy.zoom(legible);
    const path = page.view.path.length ? cy.getElementById(page.view.path[0]) : null;
    const focus = page.view.focus ? cy.getElementById(page.view.focus) : null;
    const anchor = (path && path.nonempty() && path) || (focus && focus.nonempty() && focus);
    if (anchor) {  // near the top of the canvas, what it leads to below
      const box = anchor.boundingBox({ includeLabels: true });
      const x = anchor === path ? 30 - box.x1 * legible : cy.width() / 2 - anchor.position("x") * legible;
      cy.pan({ x, y: 30 - box.y1 * legible });
    } else {
      const box = cy.elements().boundingBox({ includeLabels: true });
      cy.pan({ x: cy.width() / 2 - ((box.x1 + box.x2) / 2) * legible, y: 30 - box.y1 * legible });
    }
  }

  canvas.hidden = false;
  document.getElementById("graph-reset-link").hidden = true; // the toolbar's button does it in place
  document.getElementById("graph-toolbar").hidden = false;
  panel.hidden = false;
  const cy = window.cytoscape({ container: canvas, elements: elements(page), style });
  const styledPapers = new Set(page.papers.map((paper) => paper.id));

  // A view loaded later may show papers the first did not (a page keys only the papers in view).
  function styleNewPapers(papers) {
    const added = papers.filter((paper) => !styledPapers.has(paper.id));
    if (!added.length) return;
    const sheet = cy.style();
    for (const rule of paperStyles(added)) sheet.selector(rule.selector).style(rule.style);
    sheet.update();
    added.forEach((paper) => styledPapers.add(paper.id));
  }

  function smallestFont() {
    return Math.min(...cy.nodes().map((n) => parseFloat(n.style("font-size"))));
  }

  // The default drawing of a focus or a tree: rows of levels (the distance from the focus, or
  // the depth below the papers or theses), each level wrapped into as many rows as the screen
  // needs at a legible size, so a phone reads it top to bottom instead of shrinking it.
  function levels() {
    const level = new Map();
    if (page.view.focus) {
      cy.nodes().forEach((n) => level.set(n.id(), n.data("distance") ?? 99));
    } else {
      const roots = layoutOptions("breadthfirst").roots || cy.nodes().slice(0, 1);
      // Down the tree first: a section under its paper, a claim under its section and under
      // every claim it supports (the longest way down, so each sits below all it supports) …
      roots.forEach((n) => level.set(n.id(), 0));
      const tree = cy.edges('[layer = "structure"], [layer = "argument"]').map((e) => (
        e.data("layer") === "structure" ? [e.source().id(), e.target().id()] : [e.target().id(), e.source().id()]));
      // A node whose way up to a root is not in the view starts at the top too, so the
      // relaxation below still puts it above everything that supports it.
      tree.forEach(([above, below]) => {
        if (!level.has(above)) level.set(above, 0);
        if (!level.has(below)) level.set(below, 0);
      });
      for (let round = 0, changed = true; changed && round < 60; round += 1) {  // (a cycle stops at 60)
        changed = false;
        tree.forEach(([above, below]) => {
          if (level.has(above) && (level.get(below) ?? -1) < level.get(above) + 1) {
            level.set(below, level.get(above) + 1);
            changed = true;
          }
        });
      }
      // … then along any other link, for what the tree does not reach.
      let frontier = cy.nodes().filter((n) => level.has(n.id())).toArray();
      while (frontier.length) {
        const next = [];
        frontier.forEach((n) => n.neighborhood("node").forEach((m) => {
          if (!level.has(m.id())) { level.set(m.id(), level.get(n.id()) + 1); next.push(m); }
        }));
        frontier = next;
      }
      cy.nodes().forEach((n) => { if (!level.has(n.id())) level.set(n.id(), 99); });
    }
    return level;
  }

  function levelRows() {
    const usable = Math.max(320, (cy.width() - 40) / (MIN_LABEL_PX / smallestFont()));
    const level = levels();
    const byLevel = new Map();
    cy.nodes().forEach((n) => {
      const l = level.get(n.id());
      if (!byLevel.has(l)) byLevel.set(l, []);
      byLevel.get(l).push(n);
    });
    const GAP = 14;
    let top = 0;
    const placed = new Set();
    // Theses first in their level; below, each node near the nodes it joins above (fewer crossings).
    const rank = (node) => {
      const above = node.neighborhood("node").filter((m) => placed.has(m.id()));
      const x = above.length ? above.reduce((sum, m) => sum + m.position("x"), 0) / above.length : 0;
      return [node.data("kind") === "thesis" ? 0 : 1, x];
    };
    [...byLevel.keys()].sort((a, b) => a - b).forEach((l) => {
      const ranked = byLevel.get(l).map((node) => ({ node, key: rank(node) }));
      ranked.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
      let row = [];
      let width = 0;
      const flush = () => {
        if (!row.length) return;
        let x = -width / 2;
        // One line of node centres per row, low enough for the tallest node's top.
        const centre = Math.max(...row.map(({ node, box }) => node.position("y") - box.y1));
        let height = 0;
        row.forEach(({ node, box }) => {
          const p = node.position();
          node.position({ x: x + (p.x - box.x1), y: top + centre });
          x += box.w + GAP;
          height = Math.max(height, centre + (box.y2 - p.y));
        });
        top += height + GAP;
        row = [];
        width = 0;
      };
      ranked.forEach(({ node }) => {
        placed.add(node.id());
        const box = node.boundingBox({ includeLabels: true, includeOverlays: false });
        if (row.length && width + box.w > usable) flush();
        row.push({ node, box });
        width += box.w + GAP;
      });
      flush();
      top += 30; // a little more between levels than between the rows of one level
    });
  }

  function runLayout() {
    const layers = page.view.layers;
    const causalAlone = layers.length === 1 && layers[0] === "causal";
    const rows = !layoutChosen && !causalAlone;
    if (rows) levelRows();
    else cy.layout(layoutOptions(page.view.layout)).run();
    straightenPath();
    separate(rows);
    fitLegibly();
  }
  // Cytoscape measures a label when it first draws it, and the layout needs those sizes: the
  // view is laid out now (so something shows at once) and again once drawn, then it is ready.
  const afterDrawing = () => new Promise((resolve) => {
    window.requestAnimationFrame(() => window.requestAnimationFrame(resolve));
  });
  async function drawView() {
    runLayout();
    await afterDrawing();
    runLayout();
  }
  const firstView = drawView();

  // ---- the side panel ----
  function el(tag, attrs = {}, text = null) {
    const node = document.createElement(tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== null) node.textContent = text;
    return node;
  }

  function showPanel(node) {
    const d = node.data();
    panelTitle.textContent = zh ? d.label_zh : d.label;
    const parts = [];
    const words = JSON.parse(panel.dataset.words || "{}"); // type, kind, weight and paper, in the page's language
    const meta = [d.type, d.paper, d.kind, d.weight].filter(Boolean).map((value) => words[value] || value).join(" · ");
    parts.push(el("p", { class: "meta" }, meta));
    if (d.text_zh) {
      parts.push(el("p", { class: "meta" }, panel.dataset.original));
      parts.push(el("p", { lang: "zh", class: d.type === "claim" ? "quote-zh" : "" }, d.text_zh));
    }
    if (d.text_en) {
      parts.push(el("p", { class: "meta" }, panel.dataset.english));
      parts.push(el("p", { lang: "en", class: "en-text" }, d.text_en));
    }
    if (d.definition_en) {
      // argmap's definition, in the interface language where it has one
      const chinese = document.documentElement.lang.startsWith("zh") && d.definition_zh;
      parts.push(el("p", { class: "meta" }, panel.dataset.definition));
      parts.push(el("p", { lang: chinese ? "zh" : "en", class: "definition" }, chinese ? d.definition_zh : d.definition_en));
    }
    parts.push(el("p", { class: "meta" }, `${panel.dataset.links}${panel.dataset.colon}${node.connectedEdges().length}`));
    const actions = el("p", { class: "panel-actions" });
    actions.append(el("a", { href: d.url, class: "open-page" }, panel.dataset.open), " ");
    if (!d.focus) {
      const button = el("button", { type: "button", class: "focus-here" }, panel.dataset.focus);
      button.addEventListener("click", () => load({ ...state(), focus: d.id }));
      actions.append(button);
    }
    parts.push(actions);
    panelBody.replaceChildren(...parts);
  }

  cy.on("tap", "node", (event) => showPanel(event.target));

  // ---- the view's parameters, as the form shows them ----
  function state() {
    const layers = [...form.querySelectorAll('input[name="layers"][type="checkbox"]:checked')].map((i) => i.value);
    return {
      focus: page.view.focus, depth: Number(form.elements.depth.value), layers,
      paper: form.elements.paper.value, layout: form.elements.layout.value, path: page.view.path,
    };
  }


  function query(s) {
    const params = new URLSearchParams();
    if (s.focus) params.set("focus", s.focus);
    params.set("depth", String(s.depth));
    if (layersChosen) params.set("layers", s.layers.join(","));
    if (s.paper) params.set("paper", s.paper);
    if (layoutChosen) params.set("layout", s.layout);
    if (s.path && s.path.length) params.set("path", s.path.join(","));
    return params.toString().replace(/%2C/g, ",");
  }

  function syncForm() {
    const v = page.view;
    form.querySelectorAll('input[name="layers"][type="checkbox"]').forEach((box) => {
      box.checked = v.layers.includes(box.value);
    });
    form.elements.depth.value = String(v.depth);
    form.elements.paper.value = v.paper || "";
    form.elements.layout.value = v.layout;
    focusInput.value = v.focus || "";
    const pathField = form.querySelector('input[name="path"]');
    if (pathField) pathField.value = v.path.join(",");
  }

  function say(text) {
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  let loading = null;
  let loads = 0;
  // Loads a view: the page's HTML carries its data, its lists and its notices in one answer.
  function load(s) {
    return loadUrl(`/graph?${query(s)}`);
  }

  async function loadUrl(url) {
    if (loading) loading.abort();
    loading = new AbortController();
    let response;
    try {
      response = await fetch(url, { signal: loading.signal, headers: { Accept: "text/html" } });
    } catch (error) {
      if (error.name !== "AbortError") say(String(error));
      return;
    }
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    if (!response.ok) {
      const message = doc.querySelector("main p");
      say(message ? message.textContent : `${response.status}`);
      syncForm();
      return;
    }
    page = JSON.parse(doc.getElementById("graph-data").textContent);
    styleNewPapers(page.papers);
    // The papers a view names (on a map of many papers, only those in view): their names for
    // the side panel, and the legend that keys them
    panel.dataset.words = doc.getElementById("graph-panel").dataset.words;
    document.querySelector(".graph-legend").replaceChildren(...doc.querySelector(".graph-legend").childNodes);
    document.getElementById("graph-summary").replaceChildren(...doc.getElementById("graph-summary").childNodes);
    document.getElementById("graph-lists").replaceChildren(...doc.getElementById("graph-lists").childNodes);
    // The language switch and the JSON link of the view now shown, so that they keep it
    for (const part of ["header.site .langs", "footer.site"]) {
      document.querySelector(part).replaceChildren(...doc.querySelector(part).childNodes);
    }
    cy.elements().remove();
    cy.add(elements(page));
    await drawView();
    syncForm();
    history.replaceState(null, "", page.view.url);
    const focus = page.view.focus && cy.getElementById(page.view.focus);
    if (focus && focus.nonempty()) {
      cy.elements().unselect();
      focus.select();
      showPanel(focus);
    }
    loads += 1;
    document.documentElement.dataset.graphLoads = String(loads);
  }

  // A typed label (not an id): a node whose label is exactly that first, then the first whose
  // label contains it. The list holds the concepts first, so a concept wins over a claim
  // that uses the same words.
  function resolve(text) {
    const wanted = text.trim();
    if (!wanted) return null;
    const options = [...document.querySelectorAll("#graph-nodes option")];
    if (options.some((o) => o.value === wanted)) return wanted;
    const lower = wanted.toLowerCase();
    const hit = options.find((o) => o.textContent.trim().toLowerCase() === lower)
      || options.find((o) => o.textContent.toLowerCase().includes(lower) || o.value.includes(lower));
    return hit ? hit.value : undefined;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await window.argmapOptions; // on a large map, the search box's list may still be on its way
    const id = resolve(focusInput.value);
    if (id === undefined) {
      say(`${focusInput.dataset.unknown}: ${focusInput.value}`);
      return;
    }
    load({ ...state(), focus: id });
  });
  form.addEventListener("change", (event) => {
    const name = event.target.name;
    if (name === "layers") layersChosen = true;
    if (name === "layout") layoutChosen = true;
    if (name === "layers" || name === "paper" || (name === "depth" && page.view.focus)) {
      load(state());
    } else if (name === "layout") {
      load(state());
    }
  });

  document.getElementById("graph-fit").addEventListener("click", fitLegibly);
  const zoomBy = (factor) => cy.zoom({ level: cy.zoom() * factor,
                                       renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  document.getElementById("graph-zoom-in").addEventListener("click", () => zoomBy(1.25));
  document.getElementById("graph-zoom-out").addEventListener("click", () => zoomBy(0.8));
  document.getElementById("graph-reset").addEventListener("click", () => {
    layersChosen = false;
    layoutChosen = false;
    loadUrl("/graph");
  });

  document.getElementById("graph-copy").addEventListener("click", async (event) => {
    const button = event.currentTarget;
    try {
      await navigator.clipboard.writeText(window.location.href);
      say(button.dataset.copied);
    } catch (error) {
      window.prompt("Copy:", window.location.href);
    }
  });

  // ---- export ----
  function download(blob, name) {
    const link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function fileName(ext) {
    const v = page.view;
    return `argmap-graph${v.focus ? `-${v.focus}` : ""}.${ext}`;
  }

  document.getElementById("graph-png").addEventListener("click", () => {
    download(cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }), fileName("png"));
  });
  document.getElementById("graph-svg").addEventListener("click", () => {
    download(new Blob([toSvg()], { type: "image/svg+xml" }), fileName("svg"));
  });

  const escapeXml = (text) => String(text).replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

  function shapePoints(shape, x, y, w, h) {
    const rx = w / 2;
    const ry = h / 2;
    const polygon = (pts) => pts.map(([px, py]) => `${(x + px * rx).toFixed(1)},${(y + py * ry).toFixed(1)}`).join(" ");
    if (shape === "diamond") return polygon([[0, -1], [1, 0], [0, 1], [-1, 0]]);
    if (shape === "hexagon") return polygon([[-0.5, -1], [0.5, -1], [1, 0], [0.5, 1], [-0.5, 1], [-1, 0]]);
    if (shape === "triangle") return polygon([[0, -1], [1, 1], [-1, 1]]);
    if (shape === "star") {
      return polygon([...Array(10).keys()].map((i) => {
        const r = i % 2 ? 0.45 : 1;
        const a = (Math.PI / 5) * i - Math.PI / 2;
        return [r * Math.cos(a), r * Math.sin(a)];
      }));
    }
    return null;
  }

  // SVG of the drawn view (our own writer: the cytoscape-svg extension is GPL-licensed).
  function toSvg() {
    const box = cy.elements().boundingBox({ includeLabels: true });
    const pad = 20;
    const out = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box.x1 - pad} ${box.y1 - pad} ${box.w + 2 * pad} ${box.h + 2 * pad}" width="${Math.round(box.w + 2 * pad)}" height="${Math.round(box.h + 2 * pad)}" font-family="sans-serif">`,
                 `<rect x="${box.x1 - pad}" y="${box.y1 - pad}" width="${box.w + 2 * pad}" height="${box.h + 2 * pad}" fill="#fff"/>`];
    cy.edges(":visible").forEach((edge) => {
      const s = edge.sourceEndpoint();
      const t = edge.targetEndpoint();
      const colour = edge.style("line-color");
      const width = parseFloat(edge.style("width"));
      const dash = { dashed: ` stroke-dasharray="${width * 3} ${width * 2}"`, dotted: ` stroke-dasharray="${width} ${width * 2}"` }[edge.style("line-style")] || "";
      out.push(`<line x1="${s.x.toFixed(1)}" y1="${s.y.toFixed(1)}" x2="${t.x.toFixed(1)}" y2="${t.y.toFixed(1)}" stroke="${colour}" stroke-width="${width}"${dash}><title>${escapeXml(`${edge.data("source")} ${edge.data("relation")} ${edge.data("target")}`)}</title></line>`);
      if (edge.style("target-arrow-shape") !== "none") {
        const angle = Math.atan2(t.y - s.y, t.x - s.x);
        const size = 4 + width * 2;
        const left = [t.x - size * Math.cos(angle - 0.4), t.y - size * Math.sin(angle - 0.4)];
        const right = [t.x - size * Math.cos(angle + 0.4), t.y - size * Math.sin(angle + 0.4)];
        out.push(`<polygon points="${t.x.toFixed(1)},${t.y.toFixed(1)} ${left.map((n) => n.toFixed(1)).join(",")} ${right.map((n) => n.toFixed(1)).join(",")}" fill="${colour}"/>`);
      }
    });
    cy.nodes(":visible").forEach((node) => {
      const { x, y } = node.position();
      const w = node.width();
      const h = node.height();
      const fill = node.style("background-color");
      const stroke = node.style("border-color");
      const strokeWidth = parseFloat(node.style("border-width"));
      const paint = `fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"`;
      const points = shapePoints(node.style("shape"), x, y, w, h);
      if (node.hasClass("in-path")) out.push(`<ellipse cx="${x}" cy="${y}" rx="${w / 2 + 7}" ry="${h / 2 + 7}" fill="${HIGHLIGHT}" opacity="0.75"/>`);
      if (points) out.push(`<polygon points="${points}" ${paint}/>`);
      else if (node.style("shape") === "ellipse") out.push(`<ellipse cx="${x}" cy="${y}" rx="${w / 2}" ry="${h / 2}" ${paint}/>`);
      else out.push(`<rect x="${x - w / 2}" y="${y - h / 2}" width="${w}" height="${h}" rx="4" ${paint}/>`);
      out.push(`<text x="${x}" y="${y + h / 2 + 11}" font-size="${parseFloat(node.style("font-size"))}" text-anchor="middle">${escapeXml(node.data("display"))}</text>`);
    });
    out.push("</svg>");
    return out.join("\n");
  }

  // A handle for people poking at the map from the console, and for the browser tests.
  window.argmapGraph = { cy, load, loadUrl, state, get view() { return page.view; }, toSvg, relayout: runLayout };
  const initialFocus = page.view.focus && cy.getElementById(page.view.focus);
  if (initialFocus && initialFocus.nonempty()) {
    initialFocus.select();
    showPanel(initialFocus);
  }
  firstView.then(() => {
    performance.mark("argmap-graph-drawn"); // when the first view is drawn (bench/browser.py reads it)
    document.documentElement.dataset.graphReady = "true";
  });
})();
