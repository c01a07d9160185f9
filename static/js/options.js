// Fills a <select> or <datalist> whose options are too many to be written into the page:
// data-options names the list's address (a JSON array of objects with an `id`), and
// data-option-text the fields shown for each option. A list is fetched once per address;
// the browser revalidates it by its ETag. `window.argmapOptions` settles once all are filled.
(() => {
  const lists = new Map();

  function list(url) {
    if (!lists.has(url)) {
      lists.set(url, fetch(url, { headers: { Accept: "application/json" } }).then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      }));
    }
    return lists.get(url);
  }

  async function fill(element) {
    const items = await list(element.dataset.options);
    const fields = (element.dataset.optionText || "label").split(" ");
    const isSelect = element.tagName === "SELECT";
    const chosen = isSelect ? element.value : null;
    const kept = isSelect ? [...element.options].filter((option) => option.value === "") : [];
    const options = items.map((item) => new Option(fields.map((field) => item[field]).join(" "), item.id));
    element.replaceChildren(...kept, ...options);
    if (isSelect) element.value = chosen;
    element.dataset.optionsLoaded = "true";
  }

  window.argmapOptions = Promise.all([...document.querySelectorAll("[data-options]")].map((element) =>
    fill(element).catch((error) => console.error(error))));
})();
